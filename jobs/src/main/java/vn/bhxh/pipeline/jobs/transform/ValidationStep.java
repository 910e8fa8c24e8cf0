package vn.bhxh.pipeline.jobs.transform;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.config.ValidationSettings;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.ValidationColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.validation.IndicatorValue;
import vn.bhxh.pipeline.common.validation.OutlierDetector;
import vn.bhxh.pipeline.common.validation.ValidationRules;
import vn.bhxh.pipeline.common.validation.ValidationTransforms;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * The I/O around the validation checks (docs/validation.md): after {@code transform} (and so {@code
 * nightly}) has written the indicators of some months, evaluates the rules and the outlier detector
 * on them and replaces exactly those months of {@code validation_results} in one commit, so a
 * corrected month's findings disappear with the correction.
 */
public final class ValidationStep {
  private static final Logger LOG = LoggerFactory.getLogger(ValidationStep.class);

  /** {@code runs.details} key: error findings written. */
  public static final String ERRORS = "validation_errors";

  /** {@code runs.details} key: warning findings written. */
  public static final String WARNINGS = "validation_warnings";

  private ValidationStep() {}

  /** Loads and checks the rules: a mistake is a configuration error before any Spark work. */
  public static ValidationRules rules(PipelineConfig config, IndicatorCatalogue catalogue) {
    return ValidationRules.load(config.validation().rules(), catalogue);
  }

  /**
   * Checks the indicators of {@code periods} (already written) and replaces those months of {@code
   * validation_results}.
   *
   * @return the counts of error and warning findings written, under {@link #ERRORS} and {@link
   *     #WARNINGS}
   */
  public static Map<String, String> run(
      JobEnvironment environment,
      IndicatorCatalogue catalogue,
      ValidationRules rules,
      SortedSet<Period> periods) {
    SparkSession spark = environment.spark();
    TableCatalog tables = environment.catalog();
    ValidationSettings settings = environment.config().validation();
    spark.sparkContext().setJobDescription("transform: " + ValidationColumns.TABLE);
    // The months checked and the history the outlier detector needs before the first of them.
    Period from = periods.first().plusMonths(-(settings.outliers().historyMonths() + 2));
    // Read once, onto the driver (a few thousand rows a month): the rules and the detector run
    // there, without Spark plans (as plans, some twenty small jobs for a handful of findings).
    List<IndicatorValue> indicators =
        IndicatorValue.of(
            tables
                .readListed(IndicatorColumns.TABLE)
                .where(
                    col(IndicatorColumns.PERIOD)
                        .between(from.toString(), periods.last().toString())));
    List<String> months = periods.stream().map(Period::toString).toList();
    List<Row> findings =
        new ArrayList<>(ValidationTransforms.ruleFindings(indicators, rules, months));
    findings.addAll(OutlierDetector.findings(indicators, months, settings.outliers(), catalogue));
    String quoted = months.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "));
    tables.replaceWhere(
        spark.createDataFrame(findings, ValidationColumns.TABLE_SCHEMA).coalesce(1),
        ValidationColumns.TABLE,
        ValidationColumns.PERIOD + " IN (" + quoted + ")",
        ValidationColumns.PERIOD);
    // The counts of the findings just written, for the summary and fail-on.
    Map<String, Long> bySeverity = new LinkedHashMap<>();
    int severity = ValidationColumns.TABLE_SCHEMA.fieldIndex(ValidationColumns.SEVERITY);
    for (Row finding : findings) {
      bySeverity.merge(finding.getString(severity), 1L, Long::sum);
    }
    spark.sparkContext().setJobDescription(null);
    Map<String, String> details = new LinkedHashMap<>();
    details.put(
        ERRORS, Long.toString(bySeverity.getOrDefault(ValidationColumns.SEVERITY_ERROR, 0L)));
    details.put(
        WARNINGS, Long.toString(bySeverity.getOrDefault(ValidationColumns.SEVERITY_WARNING, 0L)));
    LOG.info(
        "{}: {} error(s), {} warning(s) for {}",
        ValidationColumns.TABLE,
        details.get(ERRORS),
        details.get(WARNINGS),
        months.size() == 1 ? months.get(0) : months.get(0) + ".." + months.get(months.size() - 1));
    return details;
  }

  /** {@code 2 error(s), 5 warning(s)} from a run's details; empty when no check ran. */
  public static String summary(Map<String, String> details) {
    if (!details.containsKey(ERRORS)) {
      return "";
    }
    return details.get(ERRORS)
        + " error(s), "
        + details.get(WARNINGS)
        + " warning(s) in "
        + ValidationColumns.TABLE;
  }

  /**
   * With {@code pipeline.validation.fail-on = error}, fails the run (exit 1) when it found errors;
   * called once everything is written, so the findings can be read.
   */
  public static void failIfConfigured(PipelineConfig config, Map<String, String> details) {
    long errors = Long.parseLong(details.getOrDefault(ERRORS, "0"));
    if (config.validation().failOn() == ValidationSettings.FailOn.ERROR && errors > 0) {
      throw new PipelineException(
          "validation found "
              + errors
              + " error(s) (see "
              + ValidationColumns.TABLE
              + "); pipeline.validation.fail-on = error");
    }
  }
}
