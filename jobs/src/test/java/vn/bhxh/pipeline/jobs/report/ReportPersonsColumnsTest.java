package vn.bhxh.pipeline.jobs.report;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.bhxh.pipeline.common.schema.IndicatorColumns.LEVEL_NATION;
import static vn.bhxh.pipeline.common.schema.IndicatorColumns.LEVEL_PROVINCE;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.NationSummaryColumns;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Measure;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;

/**
 * The persons columns of CONTRACT §4 in the report tables: persons in any scheme against their
 * plan, and the distinct persons from January (at March, the first three months' figure).
 */
@SparkTier
class ReportPersonsColumnsTest {
  /** The report columns of the shipped catalogue. */
  private static final List<Measure> MEASURES =
      ReportTransforms.measures(
          IndicatorCatalogue.load(SparkTestSession.config().indicators().catalogue()));

  private static final SparkSession SPARK = SparkTestSession.get();
  private static final String MARCH = "2023-03";

  @Test
  void theNationSummaryCarriesPersonsInAnySchemeAndTheFirstThreeMonthsFigures() {
    List<IndicatorRow> rows =
        List.of(
            IndicatorRow.reported(MARCH, LEVEL_NATION, "VN", "insured_persons")
                .value(694_705)
                .target(760_737)
                .attainment(91.32),
            IndicatorRow.reported(MARCH, LEVEL_NATION, "VN", "insured_coverage_pct").value(65.25),
            IndicatorRow.reported(MARCH, LEVEL_NATION, "VN", "si_benefit_recipients_ytd")
                .value(2_799.9999999) // a count carried as a double: rounded, not truncated
                .yoyChangePct(-3.5),
            IndicatorRow.reported(MARCH, LEVEL_NATION, "VN", "hi_treated_persons_ytd")
                .value(149_012),
            IndicatorRow.reported(MARCH, LEVEL_PROVINCE, "01", "insured_persons").value(694_705));
    Dataset<Row> indicators =
        SPARK.createDataFrame(
            rows.stream().map(IndicatorRow::row).toList(), IndicatorColumns.TABLE_SCHEMA);
    Dataset<Row> provinces =
        SPARK.createDataFrame(
            List.of(RowFactory.create(MARCH, "reported", "R1", "Vùng R1", "01", "Tỉnh 01")),
            ReportTransforms.PROVINCES_SCHEMA);

    Dataset<Row> scorecard = ReportTransforms.provinceScorecard(indicators, provinces, MEASURES);
    Row province = scorecard.collectAsList().get(0);
    assertThat(province.<Long>getAs(ReportMeasureColumns.INSURED_PERSONS)).isEqualTo(694_705L);
    assertThat(province.<Long>getAs(ReportMeasureColumns.SI_BENEFIT_RECIPIENTS_YTD)).isNull();

    Dataset<Row> nation = ReportTransforms.nationSummary(indicators, scorecard, MEASURES);
    assertThat(nation.schema().asNullable())
        .isEqualTo(NationSummaryColumns.tableSchema(MEASURES).asNullable());
    Row vn = nation.collectAsList().get(0);
    assertThat(vn.<Long>getAs(ReportMeasureColumns.INSURED_PERSONS)).isEqualTo(694_705L);
    assertThat(vn.<Long>getAs(ReportMeasureColumns.INSURED_PERSONS_TARGET)).isEqualTo(760_737L);
    assertThat(vn.<Double>getAs(ReportMeasureColumns.INSURED_PERSONS_ATTAINMENT_PCT))
        .isEqualTo(91.32);
    assertThat(vn.<Double>getAs(ReportMeasureColumns.INSURED_COVERAGE_PCT)).isEqualTo(65.25);
    assertThat(vn.<Long>getAs(ReportMeasureColumns.SI_BENEFIT_RECIPIENTS_YTD)).isEqualTo(2_800L);
    assertThat(vn.<Double>getAs(ReportMeasureColumns.SI_BENEFIT_RECIPIENTS_YTD_YOY_CHANGE_PCT))
        .isEqualTo(-3.5);
    assertThat(vn.<Long>getAs(ReportMeasureColumns.HI_TREATED_PERSONS_YTD)).isEqualTo(149_012L);
    assertThat(vn.<Double>getAs(ReportMeasureColumns.HI_TREATED_PERSONS_YTD_YOY_CHANGE_PCT))
        .isNull();
  }
}
