package vn.bhxh.pipeline.jobs.report;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.NationSummaryColumns;
import vn.bhxh.pipeline.common.schema.ProvinceScorecardColumns;
import vn.bhxh.pipeline.common.schema.RegionSummaryColumns;
import vn.bhxh.pipeline.common.schema.ReportColumns;
import vn.bhxh.pipeline.common.testing.JobTier;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.ingest.IngestJob;
import vn.bhxh.pipeline.jobs.ingest.IngestOptions;
import vn.bhxh.pipeline.jobs.transform.TransformJob;

/**
 * Adding an indicator is configuration plus a test: this test. A catalogue made of the shipped one
 * plus one entry ({@code hi_household_participants}, with a {@code report} entry) is given to
 * ingest, transform and report through the configuration alone; the indicator is then planned from
 * {@code targets.csv}, computed into {@code indicators}, shown in the report tables after their
 * existing columns, and listed in the bulletin.
 *
 * <p>The landing files: Phú Yên (p63 code 54) in October 2023, persons 1 to 3 insured for health as
 * households, person 4 through an employer, person 1 also a voluntary social-insurance contributor,
 * person 5 compulsory. So 3 household participants, against a plan of 4 for the province (75 %) and
 * 6 for the nation (50 %).
 */
@JobTier
class AddedIndicatorTest {
  private static final SparkSession SPARK = SparkTestSession.get();
  private static final String PERIOD = "2023-10";
  private static final String PROVINCE = "54";
  private static final String ADDED = "hi_household_participants";

  /** The catalogue of the test: the shipped one, one more indicator, and its report columns. */
  private static final String CATALOGUE =
      """
      include classpath("conf/indicators.conf")
      indicators += {
        code = hi_household_participants
        name-en = "Health insurance participants in households"
        name-vi = "Người tham gia BHYT hộ gia đình"
        dataset = participation, measure = distinct, column = person_key
        filter = "scheme = 'HI' AND hi_group = 'HOUSEHOLD'"
        nature = stock, unit = persons, higher-is-better = true
      }
      report += { indicator = hi_household_participants, columns = [value, target, attainment-pct] }
      """;

  @TempDir Path temp;

  private void writeLanding(Path landing) throws IOException {
    Path participation = landing.resolve("participation/" + PERIOD + "/" + PROVINCE + ".csv");
    Files.createDirectories(participation.getParent());
    Files.writeString(
        participation,
        String.join(
            "\n",
            "period,province_code,district_code,person_id,scheme,hi_group,employer_id,gender,"
                + "birth_year",
            "2023-10,54,551,5400000001,HI,HOUSEHOLD,,F,1980",
            "2023-10,54,551,5400000002,HI,HOUSEHOLD,,M,1975",
            "2023-10,54,552,5400000003,HI,HOUSEHOLD,,F,1990",
            "2023-10,54,552,5400000004,HI,EMPLOYER,,M,1985",
            "2023-10,54,551,5400000001,SI_VOLUNTARY,,,F,1980",
            "2023-10,54,553,5400000005,SI_COMPULSORY,,4400000001,M,1970",
            ""));
    Path reference = landing.resolve("reference");
    Files.createDirectories(reference);
    Files.writeString(
        reference.resolve("population.csv"),
        "year,province_code,population,working_age_population\n2023,54,877774,442413\n");
    Files.writeString(
        reference.resolve("targets.csv"),
        "year,geo_code,indicator,target\n2023,54,hi_household_participants,4\n"
            + "2023,VN,hi_household_participants,6\n");
  }

  /** The test configuration: temporary locations and the catalogue above, nothing else changed. */
  private PipelineConfig config(Path landing, Path catalogue) {
    PipelineConfig base =
        SparkTestSession.config()
            .withLocations(
                landing.toString(),
                temp.resolve("warehouse").toUri().toString(),
                temp.resolve("out").toString())
            .withPseudonymisation(
                new PipelineConfig.PseudonymisationSettings(
                    "BHXH_ADDED_INDICATOR_TEST_KEY_NOT_SET",
                    temp.resolve("hmac.key").toString(),
                    true));
    return new PipelineConfig(
        base.environment(),
        base.landing(),
        base.warehouse(),
        base.reportOut(),
        base.spark(),
        base.catalog(),
        base.geography(),
        base.pseudonymisation(),
        base.generate(),
        base.nightly(),
        base.report(),
        base.ingest(),
        new PipelineConfig.IndicatorSettings(catalogue.toString()),
        base.validation());
  }

  private static JobEnvironment environment(String command, PipelineConfig config) {
    return new JobEnvironment(
        config,
        SPARK,
        TableCatalog.of(SPARK, config),
        RunContext.start(command, List.of(), Clock.systemUTC()));
  }

  private static Row only(Dataset<Row> rows) {
    List<Row> list = rows.collectAsList();
    assertThat(list).hasSize(1);
    return list.get(0);
  }

  @Test
  void anIndicatorAddedByConfigurationIsPlannedComputedReportedAndInTheBulletin()
      throws IOException {
    Path landing = temp.resolve("landing");
    writeLanding(landing);
    Path catalogue = temp.resolve("indicators.conf");
    Files.writeString(catalogue, CATALOGUE);
    PipelineConfig config = config(landing, catalogue);

    IngestJob.run(
        environment("ingest", config),
        IngestOptions.everything(),
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8));
    TransformJob.run(environment("transform", config), PeriodRange.ALL);
    JobEnvironment report = environment("report", config);
    ReportJob.run(report, new ReportOptions(PeriodRange.ALL));
    TableCatalog tables = report.catalog();

    // indicators: the province and the nation, with the plans of targets.csv.
    Dataset<Row> added =
        tables
            .read(IndicatorColumns.TABLE)
            .where(col(IndicatorColumns.INDICATOR).equalTo(ADDED))
            .where(col(IndicatorColumns.BOUNDARY).equalTo(IndicatorColumns.BOUNDARY_REPORTED));
    Row province = only(added.where(col(IndicatorColumns.GEO_CODE).equalTo(PROVINCE)));
    assertThat(province.<Double>getAs(IndicatorColumns.VALUE)).isEqualTo(3.0);
    assertThat(province.<Double>getAs(IndicatorColumns.TARGET)).isEqualTo(4.0);
    assertThat(province.<Double>getAs(IndicatorColumns.ATTAINMENT_PCT)).isEqualTo(75.0);
    Row nation = only(added.where(col(IndicatorColumns.GEO_CODE).equalTo("VN")));
    assertThat(nation.<Double>getAs(IndicatorColumns.VALUE)).isEqualTo(3.0);
    assertThat(nation.<Double>getAs(IndicatorColumns.TARGET)).isEqualTo(6.0);
    assertThat(nation.<Double>getAs(IndicatorColumns.ATTAINMENT_PCT)).isEqualTo(50.0);

    // The report tables: three more columns after the existing ones, named by the rule.
    Dataset<Row> scorecard =
        tables
            .read(ProvinceScorecardColumns.TABLE)
            .where(col(ReportColumns.BOUNDARY).equalTo(IndicatorColumns.BOUNDARY_REPORTED));
    StructType schema = scorecard.schema();
    int after = schema.fieldIndex("hi_treated_persons_ytd_yoy_change_pct");
    assertThat(schema.fieldIndex(ADDED)).isEqualTo(after + 1);
    assertThat(schema.fieldIndex(ADDED + "_target")).isEqualTo(after + 2);
    assertThat(schema.fieldIndex(ADDED + "_attainment_pct")).isEqualTo(after + 3);
    assertThat(schema.apply(ADDED).dataType()).isEqualTo(DataTypes.LongType);
    assertThat(schema.apply(ADDED + "_attainment_pct").dataType()).isEqualTo(DataTypes.DoubleType);
    assertThat(schema.fieldIndex(ProvinceScorecardColumns.RANK_IN_REGION)).isEqualTo(after + 4);

    Row card = only(scorecard.where(col(ReportColumns.PROVINCE_CODE).equalTo(PROVINCE)));
    assertThat(card.<Long>getAs(ADDED)).isEqualTo(3L);
    assertThat(card.<Long>getAs(ADDED + "_target")).isEqualTo(4L);
    assertThat(card.<Double>getAs(ADDED + "_attainment_pct")).isEqualTo(75.0);
    Row region =
        only(
            tables
                .read(RegionSummaryColumns.TABLE)
                .where(col(ReportColumns.BOUNDARY).equalTo(IndicatorColumns.BOUNDARY_REPORTED))
                .where(
                    col(ReportColumns.REGION_CODE)
                        .equalTo(card.<String>getAs(ReportColumns.REGION_CODE))));
    assertThat(region.<Long>getAs(ADDED)).isEqualTo(3L);
    Row summary =
        only(
            tables
                .read(NationSummaryColumns.TABLE)
                .where(col(ReportColumns.BOUNDARY).equalTo(IndicatorColumns.BOUNDARY_REPORTED)));
    assertThat(summary.<Long>getAs(ADDED)).isEqualTo(3L);
    assertThat(summary.<Long>getAs(ADDED + "_target")).isEqualTo(6L);
    assertThat(summary.<Double>getAs(ADDED + "_attainment_pct")).isEqualTo(50.0);

    // The bulletin (reported boundary by default): a line from the catalogue's name and unit.
    String bulletin =
        Files.readString(temp.resolve("out/bulletin/" + PERIOD + ".md"), StandardCharsets.UTF_8);
    assertThat(bulletin)
        .contains("## Other indicators")
        .contains(
            "- **Health insurance participants in households:** 3 persons, plan 6 persons,"
                + " 50.0% of the annual plan.");
  }
}
