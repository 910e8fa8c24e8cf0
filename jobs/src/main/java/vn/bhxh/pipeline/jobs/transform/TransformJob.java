package vn.bhxh.pipeline.jobs.transform;

import static org.apache.spark.sql.functions.col;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.indicators.IndicatorComputation;
import vn.bhxh.pipeline.common.indicators.IndicatorInputs;
import vn.bhxh.pipeline.common.indicators.MonthPlan;
import vn.bhxh.pipeline.common.indicators.Territories;
import vn.bhxh.pipeline.common.indicators.YearToDateDistinct;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.common.validation.ValidationRules;
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
 * nightly} calls {@link #run(JobEnvironment, Set)} with the months a change invalidates. The
 * exception is year-to-date distinct counts ({@link YearToDateDistinct}): they need the keys of the
 * earlier months, so the silver tables they read are also read, narrowly, from January.
 *
 * <p>Which months come from where is the {@link MonthPlan}; the figures are computed by {@link
 * IndicatorComputation} over this job's {@link IndicatorInputs} (the warehouse's tables), the very
 * computation the engine's unit tests run on inline rows. This job reads, writes and validates.
 */
public final class TransformJob {
  private static final Logger LOG = LoggerFactory.getLogger(TransformJob.class);
  private static final String PERIOD = CommonColumns.PERIOD;

  private TransformJob() {}

  /** Transforms every month with silver data in the range (all of them for an open range). */
  public static RunResult run(JobEnvironment environment, PeriodRange range) {
    Inputs inputs = Inputs.open(environment);
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
    Inputs inputs = Inputs.open(environment);
    SortedSet<Period> present = inputs.silverPeriods();
    SortedSet<Period> wanted = new TreeSet<>(periods);
    wanted.retainAll(present);
    RunResult result =
        compute(environment, inputs, wanted, changed, new TreeSet<>(periods).toString());
    RevisionsStep.refresh(environment, wanted); // published months only; docs/publication.md
    return result;
  }

  private static RunResult compute(
      JobEnvironment environment, Inputs inputs, SortedSet<Period> wanted, String asked) {
    return compute(environment, inputs, wanted, wanted, asked);
  }

  private static RunResult compute(
      JobEnvironment environment,
      Inputs inputs,
      SortedSet<Period> wanted,
      Set<Period> changed,
      String asked) {
    if (wanted.isEmpty()) {
      LOG.warn("transform: no silver data for {}: nothing to compute", asked);
      return RunResult.withDetails(Map.of("periods", "", "note", "no silver data for " + asked));
    }
    long started = System.nanoTime();
    SparkSession spark = environment.spark();
    IndicatorCatalogue catalogue = inputs.catalogue;
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
        new IndicatorComputation(spark, catalogue, inputs.territories)
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
    Map<String, String> checks = ValidationStep.run(environment, catalogue, inputs.rules, wanted);

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

  /**
   * The tables a run reads, opened once, and the checked catalogue, geography and rules: the
   * warehouse's side of {@link IndicatorInputs}.
   */
  private static final class Inputs implements IndicatorInputs {
    private final JobEnvironment environment;
    private final IndicatorCatalogue catalogue;
    private final Territories territories;
    private final ValidationRules rules;

    /** Tables read on the driver ({@link TableCatalog#readSmall}), with their columns. */
    private static final Map<String, StructType> SMALL_TABLES =
        Map.of(
            PopulationColumns.TABLE, PopulationColumns.TABLE_SCHEMA,
            TargetsColumns.TABLE, TargetsColumns.TABLE_SCHEMA);

    /** The columns of {@code ingest_log} that say which provinces delivered. */
    private static final StructType DELIVERIES =
        new StructType()
            .add(IngestLogColumns.DATASET, DataTypes.StringType, false)
            .add(IngestLogColumns.PERIOD, DataTypes.StringType, true)
            .add(IngestLogColumns.PROVINCE_CODE, DataTypes.StringType, true)
            .add(IngestLogColumns.STATUS, DataTypes.StringType, false);

    private final Map<String, Optional<Dataset<Row>>> tables = new LinkedHashMap<>();
    private Dataset<Row> loadedFiles;
    private SortedSet<Period> silverPeriods;

    private Inputs(
        JobEnvironment environment,
        IndicatorCatalogue catalogue,
        Territories territories,
        ValidationRules rules) {
      this.environment = environment;
      this.catalogue = catalogue;
      this.territories = territories;
      this.rules = rules;
    }

    /** Checks the catalogue and geography first: a bad one stops the run before any Spark work. */
    static Inputs open(JobEnvironment environment) {
      IndicatorCatalogue catalogue =
          IndicatorCatalogue.load(environment.config().indicators().catalogue());
      Territories territories = Territories.of(Geography.load(environment.config().geography()));
      ValidationRules rules = ValidationStep.rules(environment.config(), catalogue);
      return new Inputs(environment, catalogue, territories, rules);
    }

    private Optional<Dataset<Row>> table(String name) {
      return tables.computeIfAbsent(
          name,
          n -> {
            if (!environment.catalog().exists(n)) {
              return Optional.empty();
            }
            // Yearly reference tables: a few hundred rows, read on the driver.
            StructType small = SMALL_TABLES.get(n);
            return Optional.of(
                small == null
                    ? environment.catalog().read(n)
                    : environment.catalog().readSmall(n, small, Map.of()));
          });
    }

    /**
     * Months with rows in any silver table. {@code period} is the partition column: its values come
     * from the Delta log, not from the data; the result is a few dozen strings.
     */
    SortedSet<Period> silverPeriods() {
      if (silverPeriods == null) {
        silverPeriods = new TreeSet<>();
        for (String dataset : catalogue.datasets()) {
          if (!dataset.equals(PopulationColumns.TABLE)) {
            silverPeriods.addAll(periodsOf(dataset));
          }
        }
      }
      return silverPeriods;
    }

    /** Months already in the indicators table (partition values, as above). */
    SortedSet<Period> indicatorPeriods() {
      return periodsOf(IndicatorColumns.TABLE);
    }

    @Override
    public Optional<Dataset<Row>> rows(String dataset) {
      boolean opened = tables.containsKey(dataset);
      Optional<Dataset<Row>> rows = table(dataset);
      if (!opened && rows.isEmpty() && !dataset.equals(PopulationColumns.TABLE)) {
        LOG.warn("transform: table {} is absent: its indicators stay empty", dataset);
      }
      return rows;
    }

    @Override
    public Optional<Dataset<Row>> targets() {
      return table(TargetsColumns.TABLE);
    }

    @Override
    public Optional<Dataset<Row>> indicators() {
      return table(IndicatorColumns.TABLE);
    }

    /**
     * The LOADED files of {@code ingest_log}, read on the driver once for every dataset: a few
     * thousand rows a year.
     */
    @Override
    public Optional<Dataset<Row>> loadedFiles() {
      if (!environment.catalog().exists(IngestLogColumns.TABLE)) {
        return Optional.empty();
      }
      if (loadedFiles == null) {
        loadedFiles =
            environment
                .catalog()
                .readSmall(
                    IngestLogColumns.TABLE,
                    DELIVERIES,
                    Map.of(IngestLogColumns.STATUS, IngestLogColumns.STATUS_LOADED));
      }
      return Optional.of(loadedFiles);
    }

    private SortedSet<Period> periodsOf(String table) {
      return environment.catalog().partitionValues(table, PERIOD).stream()
          .map(Period::parse)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
