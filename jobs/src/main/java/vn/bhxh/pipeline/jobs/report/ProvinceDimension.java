package vn.bhxh.pipeline.jobs.report;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.time.Period;

/** The provinces a report expects in each of its months, per boundary ({@link ReportJob}). */
final class ProvinceDimension {
  private ProvinceDimension() {}

  /**
   * Which provinces are expected in a month, per boundary: those in force in the month for {@code
   * reported}, the p34 provinces for {@code current}; with their names and regions.
   */
  static Dataset<Row> of(SparkSession spark, Geography geography, List<Period> periods) {
    List<Row> rows = new ArrayList<>();
    for (Period period : periods) {
      for (Province province : geography.provincesIn(period)) {
        rows.add(dimensionRow(period, IndicatorColumns.BOUNDARY_REPORTED, province));
      }
      for (Province province : geography.provinces(GeographyVersion.P34)) {
        rows.add(dimensionRow(period, IndicatorColumns.BOUNDARY_CURRENT, province));
      }
    }
    return spark.createDataFrame(rows, ReportTransforms.PROVINCES_SCHEMA);
  }

  private static Row dimensionRow(Period period, String boundary, Province province) {
    return RowFactory.create(
        period.toString(),
        boundary,
        province.regionCode(),
        province.regionName(),
        province.code(),
        province.nameVi());
  }
}
