package vn.bhxh.pipeline.jobs.transform;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameColumns;
import static vn.bhxh.pipeline.common.testing.Frames.assertSameRows;
import static vn.bhxh.pipeline.common.testing.Rows.row;
import static vn.bhxh.pipeline.common.testing.Rows.rows;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.schema.ValidationColumns;
import vn.bhxh.pipeline.common.testing.SparkTestSession;
import vn.bhxh.pipeline.common.testing.SparkTier;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/** {@code transform} writes {@code validation_results} for exactly the months it computes. */
@SparkTier
class ValidationStepTest {
  private static final SparkSession SPARK = SparkTestSession.get();

  @TempDir Path temp;

  private JobEnvironment environment() {
    PipelineConfig config =
        SparkTestSession.config()
            .withLocations(null, temp.resolve("warehouse").toUri().toString(), null);
    return new JobEnvironment(
        config,
        SPARK,
        TableCatalog.of(SPARK, config),
        RunContext.start("transform", List.of(), Clock.systemUTC()));
  }

  /** One employer of province 52 that owes 1,000 VND and pays {@code paid}. */
  private static void contributions(TableCatalog catalog, String period, long paid) {
    Dataset<Row> rows =
        SPARK.createDataFrame(
            List.of(row(period, "52", 7L, "EMPLOYER", 1000L, paid, 0L, 0, "Y", "f", "r")),
            ContributionsColumns.TABLE_SCHEMA);
    catalog.replaceWhere(
        rows,
        ContributionsColumns.DATASET,
        ContributionsColumns.PERIOD + " = '" + period + "'",
        ContributionsColumns.PERIOD);
  }

  /** The findings: period, geo_level, rule, value, expected_high. */
  private static Dataset<Row> findings(TableCatalog catalog) {
    return catalog
        .read(ValidationColumns.TABLE)
        .select(
            ValidationColumns.PERIOD,
            ValidationColumns.GEO_LEVEL,
            ValidationColumns.RULE,
            ValidationColumns.VALUE,
            ValidationColumns.EXPECTED_HIGH);
  }

  @Test
  void aMonthsFindingsAreReplacedWhenTheMonthIsRecomputedAndGoneOnceItIsFixed() {
    JobEnvironment environment = environment();
    TableCatalog catalog = environment.catalog();
    // 2023-02 pays 3,500 against 1,000 due (over three times: paid_within_due), 2023-03 is fine.
    contributions(catalog, "2023-02", 3_500);
    contributions(catalog, "2023-03", 900);
    RunResult first =
        TransformStep.run(environment, Set.of(Period.parse("2023-02"), Period.parse("2023-03")));

    // Province 52, its region and the nation, in the reported boundary.
    assertThat(first.details())
        .containsEntry(ValidationStep.ERRORS, "0")
        .containsEntry(ValidationStep.WARNINGS, "3");
    assertSameRows(
        rows(
            row("2023-02", "nation", "paid_within_due", 3_500.0, 3_000.0),
            row("2023-02", "province", "paid_within_due", 3_500.0, 3_000.0),
            row("2023-02", "region", "paid_within_due", 3_500.0, 3_000.0)),
        findings(catalog));

    // The province corrects February: recomputing it removes its findings, March is untouched.
    contributions(catalog, "2023-02", 1_000);
    contributions(catalog, "2023-03", 4_000);
    RunResult second = TransformStep.run(environment, Set.of(Period.parse("2023-02")));
    assertThat(second.details()).containsEntry(ValidationStep.WARNINGS, "0");
    assertSameRows(rows(), findings(catalog));

    TransformStep.run(environment, Set.of(Period.parse("2023-03")));
    assertThat(
            catalog
                .read(ValidationColumns.TABLE)
                .where(col(ValidationColumns.PERIOD).equalTo("2023-03"))
                .count())
        .isEqualTo(3);
    assertSameColumns(ValidationColumns.TABLE_SCHEMA, catalog.read(ValidationColumns.TABLE));
  }

  @Test
  void failOnErrorFailsARunWithErrorsAndNeverDoesNot() {
    PipelineConfig failOnError =
        ConfigLoader.load(Optional.empty(), List.of("pipeline.validation.fail-on=error"));
    Map<String, String> oneError = Map.of(ValidationStep.ERRORS, "1", ValidationStep.WARNINGS, "4");
    assertThatThrownBy(() -> ValidationStep.failIfConfigured(failOnError, oneError))
        .isInstanceOf(PipelineException.class)
        .hasMessage(
            "validation found 1 error(s) (see validation_results);"
                + " pipeline.validation.fail-on = error");
    assertThatCode(
            () ->
                ValidationStep.failIfConfigured(
                    failOnError, Map.of(ValidationStep.ERRORS, "0", ValidationStep.WARNINGS, "4")))
        .doesNotThrowAnyException();
    // The default is never: findings are data.
    assertThatCode(() -> ValidationStep.failIfConfigured(SparkTestSession.config(), oneError))
        .doesNotThrowAnyException();
    assertThat(ValidationStep.summary(oneError))
        .isEqualTo("1 error(s), 4 warning(s) in validation_results");
  }
}
