package vn.bhxh.pipeline.jobs.transform;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.indicators.IndicatorDefinition;
import vn.bhxh.pipeline.common.indicators.IndicatorEngine;
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
    Territories territories = inputs.territories;
    Dataset<Row> territoryFrame = territories.territoriesFrame(spark);
    Dataset<Row> links = territories.linksFrame(spark);

    // Months whose base values feed YTD and YoY: January..M and the same a year earlier.
    SortedSet<Period> valueMonths = new TreeSet<>(wanted);
    wanted.forEach(p -> valueMonths.add(p.previousYear()));
    SortedSet<Period> baseMonths = new TreeSet<>();
    for (Period p : valueMonths) {
      for (Period m = p.startOfYear(); !m.isAfter(p); m = m.plusMonths(1)) {
        baseMonths.add(m);
      }
    }
    // Silver for the changed months and for any month not yet in the indicators table; the
    // stored base values for every other month (baseMonths includes the wanted ones).
    SortedSet<Period> stored = inputs.indicatorPeriods();
    SortedSet<Period> fromSilver = new TreeSet<>(wanted);
    fromSilver.retainAll(changed);
    baseMonths.stream()
        .filter(m -> !stored.contains(m) && inputs.silverPeriods().contains(m))
        .forEach(fromSilver::add);
    SortedSet<Period> fromTable = new TreeSet<>(baseMonths);
    fromTable.retainAll(stored);
    fromTable.removeAll(fromSilver);
    String label = range(wanted);
    LOG.info(
        "transform {}: {} month(s) from silver {}, {} from indicators {}",
        label,
        fromSilver.size(),
        fromSilver,
        fromTable.size(),
        fromTable);

    // Base values: one pass per silver table over the months it must give.
    spark.sparkContext().setJobDescription("transform " + label + ": base measures");
    List<Dataset<Row>> measures = new ArrayList<>();
    List<Dataset<Row>> delivered = new ArrayList<>();
    List<Dataset<Row>> slices = new ArrayList<>();
    Dataset<Row> silverMonths = months(spark, fromSilver);
    Dataset<Row> allBaseMonths = months(spark, baseMonths);
    Column versionOfMonth = territories.versionOf(col(PERIOD));
    for (String dataset : catalogue.datasets()) {
      if (dataset.equals(PopulationColumns.TABLE)) {
        continue;
      }
      slices.add(slices(silverMonths, dataset, versionOfMonth));
      Optional<Dataset<Row>> table = inputs.table(dataset);
      if (table.isEmpty()) {
        LOG.warn("transform: table {} is absent: its indicators stay empty", dataset);
        continue;
      }
      Dataset<Row> rows = table.get().where(col(PERIOD).isin((Object[]) strings(fromSilver)));
      measures.add(IndicatorEngine.measure(rows, dataset, versionOfMonth, catalogue, links));
      delivered.add(inputs.delivered(dataset, rows, fromSilver, versionOfMonth));
    }
    if (catalogue.datasets().contains(PopulationColumns.TABLE)) {
      // Population is a yearly table of a few hundred rows: recomputed for every month needed.
      Column versionOfYear =
          IndicatorEngine.versionOfYear(territories, col(PopulationColumns.YEAR));
      slices.add(
          allBaseMonths
              .withColumn(
                  PopulationColumns.YEAR, substring(col(PERIOD), 1, 4).cast(DataTypes.IntegerType))
              .select(
                  lit(PopulationColumns.TABLE).as(IndicatorEngine.DATASET),
                  col(PERIOD),
                  versionOfYear.as(Territories.SOURCE_VERSION)));
      inputs
          .table(PopulationColumns.TABLE)
          .ifPresent(
              population -> {
                Dataset<Row> rows = IndicatorEngine.populationByMonth(population, allBaseMonths);
                measures.add(
                    IndicatorEngine.measure(
                        rows, PopulationColumns.TABLE, versionOfYear, catalogue, links));
                delivered.add(
                    IndicatorEngine.deliveredFromRows(
                        rows, PopulationColumns.TABLE, versionOfYear));
              });
    }
    Dataset<Row> completeness =
        IndicatorEngine.completeness(union(delivered), union(slices), links);
    Dataset<Row> base =
        IndicatorEngine.baseValues(
            measures.isEmpty() ? emptyMeasures(spark) : union(measures), completeness, catalogue);
    if (!fromTable.isEmpty()) {
      List<String> storedCodes =
          catalogue.definitions().stream()
              .filter(d -> d.measure().isBase())
              .filter(d -> !d.dataset().orElseThrow().equals(PopulationColumns.TABLE))
              .map(IndicatorDefinition::code)
              .toList();
      Dataset<Row> earlier =
          inputs
              .table(IndicatorColumns.TABLE)
              .orElseThrow()
              .where(col(PERIOD).isin((Object[]) strings(fromTable)));
      base =
          base.unionByName(
              IndicatorEngine.baseValuesFromIndicators(
                  earlier, territories, territoryFrame, storedCodes));
    }
    // Materialise the base values once (a few thousand rows per month): every later step reads
    // them several times, and without this each read would scan the silver tables again.
    base = base.localCheckpoint(true);

    spark.sparkContext().setJobDescription("transform " + label + ": write indicators");
    Dataset<Row> wantedMonths = months(spark, wanted);
    Dataset<Row> valueMonthFrame = months(spark, valueMonths);
    Dataset<Row> values = IndicatorEngine.values(base, catalogue, valueMonthFrame);
    if (!YearToDateDistinct.datasets(catalogue).isEmpty()) {
      spark.sparkContext().setJobDescription("transform " + label + ": year-to-date distinct");
      values =
          values.unionByName(
              YearToDateDistinct.values(
                  yearToDateFirstMonths(inputs, baseMonths, versionOfMonth, links),
                  base,
                  catalogue,
                  valueMonthFrame));
      spark.sparkContext().setJobDescription("transform " + label + ": write indicators");
    }
    Dataset<Row> targets =
        IndicatorEngine.targets(
            inputs.table(TargetsColumns.TABLE).orElseGet(() -> emptyTargets(spark)),
            base,
            catalogue,
            territories,
            territoryFrame,
            links,
            wantedMonths);
    Dataset<Row> indicators =
        IndicatorEngine.assemble(
            values, targets, catalogue, territories, territoryFrame, wantedMonths);
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
    details.put("periods_from_silver", String.join(",", strings(fromSilver)));
    details.put("periods_from_indicators", String.join(",", strings(fromTable)));
    details.put("seconds", String.format(Locale.ROOT, "%.1f", seconds));
    details.put("seconds_per_period", String.format(Locale.ROOT, "%.2f", seconds / wanted.size()));
    details.putAll(checks);
    LOG.info(
        "transform {}: {} indicator rows written in {} s", label, written, details.get("seconds"));
    return new RunResult(0, written, 0, details);
  }

  /**
   * First months of the year of every key of the datasets that ytd-distinct indicators read, from
   * the silver rows of every month from January to the last month whose value is needed (stored
   * indicators hold counts, not keys, so earlier months come from silver whatever {@code changed}
   * says): one narrow pass over those months, materialised once as a small frame.
   */
  private static Dataset<Row> yearToDateFirstMonths(
      Inputs inputs, SortedSet<Period> baseMonths, Column versionOfMonth, Dataset<Row> links) {
    SortedSet<Period> yearMonths = new TreeSet<>(baseMonths);
    yearMonths.retainAll(inputs.silverPeriods());
    List<Dataset<Row>> firstMonths = new ArrayList<>();
    for (String dataset : YearToDateDistinct.datasets(inputs.catalogue)) {
      inputs
          .table(dataset)
          .ifPresent(
              table ->
                  firstMonths.add(
                      YearToDateDistinct.firstMonths(
                          table.where(col(PERIOD).isin((Object[]) strings(yearMonths))),
                          dataset,
                          versionOfMonth,
                          inputs.catalogue,
                          links)));
    }
    SparkSession spark = inputs.environment.spark();
    return firstMonths.isEmpty()
        ? spark.createDataFrame(List.of(), YearToDateDistinct.FIRST_MONTHS_SCHEMA)
        : union(firstMonths).localCheckpoint(true);
  }

  private static Dataset<Row> slices(Dataset<Row> months, String dataset, Column version) {
    return months.select(
        lit(dataset).as(IndicatorEngine.DATASET),
        col(PERIOD),
        version.as(Territories.SOURCE_VERSION));
  }

  static Dataset<Row> months(SparkSession spark, Set<Period> periods) {
    List<Row> rows = periods.stream().map(p -> RowFactory.create(p.toString())).toList();
    return spark.createDataFrame(rows, new StructType().add(PERIOD, DataTypes.StringType, false));
  }

  private static Dataset<Row> emptyTargets(SparkSession spark) {
    return spark.createDataFrame(List.of(), TargetsColumns.TABLE_SCHEMA);
  }

  private static Dataset<Row> emptyMeasures(SparkSession spark) {
    return spark.createDataFrame(
        List.of(),
        new StructType()
            .add(PERIOD, DataTypes.StringType, false)
            .add(Territories.TERRITORY_ID, DataTypes.IntegerType, false)
            .add(IndicatorColumns.INDICATOR, DataTypes.StringType, false)
            .add(IndicatorColumns.VALUE, DataTypes.DoubleType, true));
  }

  private static Dataset<Row> union(List<Dataset<Row>> frames) {
    return frames.stream().reduce(Dataset::unionByName).orElseThrow();
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

  /** The tables a run reads, opened once, and the checked catalogue, geography and rules. */
  private static final class Inputs {
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

    Optional<Dataset<Row>> table(String name) {
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

    /**
     * Provinces that delivered a dataset: the LOADED files of {@code ingest_log}, or, without an
     * ingest log, the provinces that have rows.
     */
    /**
     * The LOADED files of {@code ingest_log}, read on the driver once for every dataset: a few
     * thousand rows a year.
     */
    private Dataset<Row> loadedFiles() {
      if (loadedFiles == null) {
        loadedFiles =
            environment
                .catalog()
                .readSmall(
                    IngestLogColumns.TABLE,
                    DELIVERIES,
                    Map.of(IngestLogColumns.STATUS, IngestLogColumns.STATUS_LOADED));
      }
      return loadedFiles;
    }

    Dataset<Row> delivered(
        String dataset, Dataset<Row> rows, Set<Period> periods, Column versionOfMonth) {
      if (!environment.catalog().exists(IngestLogColumns.TABLE)) {
        return IndicatorEngine.deliveredFromRows(rows, dataset, versionOfMonth);
      }
      return IndicatorEngine.deliveredFromRows(
          loadedFiles()
              .where(col(IngestLogColumns.DATASET).equalTo(lit(dataset)))
              .where(col(IngestLogColumns.PERIOD).isin((Object[]) strings(periods))),
          dataset,
          versionOfMonth);
    }

    private SortedSet<Period> periodsOf(String table) {
      return environment.catalog().partitionValues(table, PERIOD).stream()
          .map(Period::parse)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
