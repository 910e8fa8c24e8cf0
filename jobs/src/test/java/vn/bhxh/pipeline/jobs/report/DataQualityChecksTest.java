package vn.bhxh.pipeline.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.schema.DataQualityColumns;
import vn.bhxh.pipeline.common.schema.ValidationColumns;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

@SparkTier
class DataQualityChecksTest {
  private final SparkSession spark = SparkTestSession.get();

  private static Row finding(
      String period,
      String boundary,
      String level,
      String geo,
      String indicator,
      String severity,
      String message) {
    return RowFactory.create(
        period, boundary, level, geo, "rule", "r", indicator, 1.0, null, 0.5, severity, message);
  }

  @Test
  void eachIndicatorBelongsToTheDatasetItIsComputedFrom() {
    Map<String, String> datasets =
        DataQualityChecks.datasets(
            IndicatorCatalogue.load(ConfigLoader.defaults().indicators().catalogue()));
    assertThat(datasets)
        .containsEntry("ui_participants", "participation")
        .containsEntry("hi_coverage_pct", "participation")
        .containsEntry("collected_vnd_ytd", "contributions")
        .containsEntry("hi_cost_vnd", "benefits")
        .doesNotContainKey("population");
  }

  @Test
  void provinceFindingsAreCountedPerSliceErrorsFirst() {
    List<Row> findings =
        List.of(
            finding("2025-03", "reported", "province", "01", "hi_participants", "warning", "b"),
            finding("2025-03", "reported", "province", "01", "ui_participants", "error", "a"),
            finding("2025-03", "reported", "province", "01", "collected_vnd", "warning", "c"),
            // not a province; a current-boundary outlier before the p34 geography; after it
            finding("2025-03", "reported", "nation", "VN", "ui_participants", "error", "x"),
            finding("2025-03", "current", "province", "01", "hi_participants", "warning", "y"),
            finding("2025-08", "current", "province", "01", "hi_participants", "warning", "z"));
    List<Row> slices =
        DataQualityChecks.perSlice(
                spark.createDataFrame(findings, ValidationColumns.TABLE_SCHEMA),
                Map.of(
                    "hi_participants", "participation",
                    "ui_participants", "participation",
                    "collected_vnd", "contributions"),
                "2025-07")
            .orderBy(DataQualityColumns.PERIOD, DataQualityColumns.DATASET)
            .collectAsList();
    assertThat(slices)
        .extracting(
            r -> r.getAs(DataQualityColumns.PERIOD),
            r -> r.getAs(DataQualityColumns.DATASET),
            r -> r.getAs(DataQualityColumns.PROVINCE_CODE),
            r -> r.getAs(DataQualityColumns.CHECK_ERRORS),
            r -> r.getAs(DataQualityColumns.CHECK_WARNINGS),
            r -> r.getAs(DataQualityColumns.CHECK_MESSAGES))
        .containsExactly(
            tuple("2025-03", "contributions", "01", 0L, 1L, "c"),
            tuple("2025-03", "participation", "01", 1L, 1L, "a\nb"),
            tuple("2025-08", "participation", "01", 0L, 1L, "z"));
  }
}
