package vn.bhxh.pipeline.jobs.transform;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.indicators.IndicatorComputation;
import vn.bhxh.pipeline.common.indicators.IndicatorInputs;
import vn.bhxh.pipeline.common.indicators.MonthPlan;
import vn.bhxh.pipeline.common.indicators.YearToDateDistinct;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.publish.RevisionsStep;

/**
 * Computes the {@code indicators} table for a set of months and replaces exactly those months in
 * one Delta commit ({@code replaceWhere period IN (…)}), so a re-run is idempotent and a reader
 * sees either the old or the new figures of every month, never a mix.
 *
 * <p>Each silver table is read once per run, for the months asked for; base values of the earlier
 * months that year-to-date and year-over-year columns need (January of the month's year, and the
 * same stretch a year earlier) come from the {@code indicators} table when it already holds them,
 * and from the silver tables otherwise. Recomputing a month is therefore self-contained: {@code
 * nightly} calls {@link #run(JobEnvironment, Set, Set)} with the months a change invalidates. The
 * exception is year-to-date distinct counts ({@link YearToDateDistinct}): they need the keys of the
 * earlier months, so the silver tables they read are also read, narrowly, from January.
 *
 * <p>Which months come from where is the {@link MonthPlan}; the figures are computed by {@link
 * IndicatorComputation} over the warehouse's tables ({@link TransformInputs}, its {@link
 * IndicatorInputs}), the very computation the engine's unit tests run on inline rows. This step
 * reads, writes and validates; the {@code transform} command ({@link TransformJob}), {@code
 * nightly} and {@code demo} run it.
 */
public final class TransformStep {
  private static final Logger LOG = LoggerFactory.getLogger(TransformStep.class);
  private static final String PERIOD = CommonColumns.PERIOD;

  private TransformStep() {}

  /** Transforms every month with silver data in the range (all of them for an open range). */
  public static RunResult run(JobEnvironment environment, PeriodRange range) {
    TransformInputs inputs = TransformInputs.open(environment);
    SortedSet<Period> present = inputs.silverPeriods();
    SortedSet<Period> wanted =
        present.stream().filter(range::contains).collect(Collectors.toCollection(TreeSet::new));
    RunResult result = compute(environment, inputs, wanted, range.toString());
    RevisionsStep.refresh(environment, wanted); // published months only; docs/publication.md
    return result;
  }

  /**
   * Transforms exactly these months (those without any silver data yield no rows and are left as
   * they are).
   */
  public static RunResult run(JobEnvironment environment, Set<Period> periods) {
    return run(environment, periods, periods);
  }

  /**
   * Transforms exactly these months, reading silver data only for the months whose data changed
   * ({@code changed}); the base values of the other months (recomputed for their year-to-date or
   * year-over-year columns, which depend on other months) come from the {@code indicators} table
   * when it holds them, as those of earlier months always do. What {@code nightly} calls.
   */
  public static RunResult run(
      JobEnvironment environment, Set<Period> periods, Set<Period> changed) {
    TransformInputs inputs = TransformInputs.open(environment);
    SortedSet<Period> present = inputs.silverPeriods();
    SortedSet<Period> wanted = new TreeSet<>(periods);
    wanted.retainAll(present);
    RunResult result =
        compute(environment, inputs, wanted, changed, new TreeSet<>(periods).toString());
    RevisionsStep.refresh(environment, wanted); // published months only; docs/publication.md
    return result;
  }

  private static RunResult compute(
      JobEnvironment environment, TransformInputs inputs, SortedSet<Period> wanted, String asked) {
    return compute(environment, inputs, wanted, wanted, asked);
  }

  private static RunResult compute(
      JobEnvironment environment,
      TransformInputs inputs,
      SortedSet<Period> wanted,
      Set<Period> changed,
      String asked) {
    if (wanted.isEmpty()) {
      LOG.warn("transform: no silver data for {}: nothing to compute", asked);
      return RunResult.withDetails(Map.of("periods", "", "note", "no silver data for " + asked));
    }
    long started = System.nanoTime();
    SparkSession spark = environment.spark();
    IndicatorCatalogue catalogue = inputs.catalogue();
    MonthPlan plan =
        MonthPlan.of(wanted, changed, inputs.silverPeriods(), inputs.indicatorPeriods());
    String label = range(wanted);
    LOG.info(
        "transform {}: {} month(s) from silver {}, {} from indicators {}",
        label,
        plan.fromSilver().size(),
        plan.fromSilver(),
        plan.fromIndicators().size(),
        plan.fromIndicators());

    Dataset<Row> indicators =
        new IndicatorComputation(spark, catalogue, inputs.territories())
            .compute(
                plan,
                inputs,
                stage ->
                    spark
                        .sparkContext()
                        .setJobDescription("transform " + label + ": " + description(stage)));
    TableCatalog tables = environment.catalog();
    tables.replaceWhere(
        indicators.repartition(col(PERIOD)),
        IndicatorColumns.TABLE,
        PERIOD + " IN (" + quotedList(wanted) + ")",
        PERIOD);
    long written = tables.lastCommitOutputRows(IndicatorColumns.TABLE);
    spark.sparkContext().setJobDescription(null);
    Map<String, String> checks = ValidationStep.run(environment, catalogue, inputs.rules(), wanted);

    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, String> details = new LinkedHashMap<>();
    details.put("periods", String.join(",", strings(wanted)));
    details.put("periods_from_silver", String.join(",", strings(plan.fromSilver())));
    details.put("periods_from_indicators", String.join(",", strings(plan.fromIndicators())));
    details.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
    details.put("seconds_per_period", String.format(Locale.ROOT, "%.2f", seconds / wanted.size()));
    details.putAll(checks);
    LOG.info(
        "transform {}: {} indicator rows written in {} s", label, written, details.get("seconds"));
    return new RunResult(0, written, 0, details);
  }

  /** The Spark UI's label of a stage of the computation. */
  private static String description(IndicatorComputation.Stage stage) {
    return switch (stage) {
      case BASE_MEASURES -> "base measures";
      case YEAR_TO_DATE_DISTINCT -> "year-to-date distinct";
      case INDICATORS -> "write indicators";
    };
  }

  private static String[] strings(Set<Period> periods) {
    return periods.stream().map(Period::toString).toArray(String[]::new);
  }

  private static String quotedList(Set<Period> periods) {
    return periods.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "));
  }

  private static String range(SortedSet<Period> periods) {
    return periods.size() == 1
        ? periods.first().toString()
        : periods.first() + ".." + periods.last();
  }
}
