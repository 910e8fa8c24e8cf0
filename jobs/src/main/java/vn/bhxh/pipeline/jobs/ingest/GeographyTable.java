package vn.bhxh.pipeline.jobs.ingest;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.schema.GeographyColumns;

/**
 * The rows of the {@code geography} table ({@link GeographyColumns}): one per province per version.
 */
public final class GeographyTable {
  private GeographyTable() {}

  /** p63 provinces first, then p34, each ordered by code. */
  public static List<Row> rows(Geography geography) {
    return geography.allProvinces().stream().map(GeographyTable::row).toList();
  }

  /** Replaces the {@code geography} table with the project's geography (one commit). */
  public static void write(SparkSession spark, TableCatalog catalog, Geography geography) {
    spark.sparkContext().setJobDescription("ingest geography");
    catalog.overwrite(frame(spark, geography), GeographyColumns.TABLE);
  }

  /** The rows of the {@code geography} table for a geography (tiny: one per province). */
  private static Dataset<Row> frame(SparkSession spark, Geography geography) {
    return spark.createDataFrame(rows(geography), GeographyColumns.TABLE_SCHEMA);
  }

  private static Row row(Province province) {
    return RowFactory.create(
        province.version().code(),
        province.code(),
        province.nameVi(),
        province.nameAscii(),
        province.regionCode(),
        province.regionName(),
        province.validFrom() == null ? null : Date.valueOf(province.validFrom()),
        province.validTo() == null ? null : Date.valueOf(province.validTo()),
        province.successorCode());
  }
}
