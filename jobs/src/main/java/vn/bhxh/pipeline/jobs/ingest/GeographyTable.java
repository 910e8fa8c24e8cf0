package vn.bhxh.pipeline.jobs.ingest;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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

  /**
   * Replaces the {@code geography} table with the project's geography (one commit, written from the
   * driver: {@link TableCatalog#overwriteRows}).
   */
  public static void write(TableCatalog catalog, Geography geography) {
    catalog.overwriteRows(rows(geography), GeographyColumns.TABLE_SCHEMA, GeographyColumns.TABLE);
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
