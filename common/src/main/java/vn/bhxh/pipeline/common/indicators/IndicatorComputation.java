package vn.bhxh.pipeline.common.indicators;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static vn.bhxh.pipeline.common.indicators.Columns.PERIOD;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.bhxh.pipeline.common.indicators.TerritoryValue.Cell;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;
import vn.bhxh.pipeline.common.spark.ConcurrentSteps;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The {@code indicators} rows of a {@link MonthPlan}'s wanted months, from the tables they read
 * ({@link IndicatorInputs}). What {@code TransformStep} computes and writes, and what the engine's
 * unit tests run on inline rows: frames in, a frame out, no reads, writes, clock or configuration
 * inside.
 *
 * <p>The steps, in order:
 *
 * <ol>
 *   <li>{@link Measures#measure}: one pass per dataset over the rows of the months measured from
 *       silver, every base measure for every territory (all levels, both geographies);
 *   <li>{@link Completeness#coverage}: which source provinces delivered each dataset each month,
 *       against how many make up each territory;
 *   <li>{@link BaseValues}: measures and completeness joined, one row per month × territory × base
 *       indicator, with those of the months read back from the {@code indicators} table;
 *   <li>{@link Values#of}: ratios and year-to-date sums for the months whose values are needed, and
 *       {@link YearToDateDistinct} for the year-to-date distinct counts, which read the year's
 *       keys;
 *   <li>{@link Targets#derive}: the annual targets of every territory (given or derived, re-based);
 *   <li>{@link Assembly#assemble}: the rows of the wanted months in both boundaries, with
 *       attainment, expected-to-date, on-track and year-over-year columns.
 * </ol>
 *
 * <p>The first three are Spark plans over the silver rows; the passes run side by side, one driver
 * thread each ({@link ConcurrentSteps}). Their results, the base values and the year's first months
 * of year-to-date distinct keys, are materialised once ({@code localCheckpoint}) and collected: a
 * few thousand rows a month. The last three steps run on the driver over those rows ({@link
 * TerritoryValue}), as plain Java that keeps the Spark SQL semantics they replaced (nulls, exact
 * decimal sums of targets); as Spark plans they were some forty small jobs and seconds of planning.
 * Internal frames use the columns {@code period}, {@code territory_id}, {@code indicator}, {@code
 * value}, {@code numerator}, {@code denominator}, {@code complete}.
 */
public final class IndicatorComputation {
  /**
   * The stages of a computation, announced as they start so that a job can label its Spark work.
   */
  public enum Stage {
    /**
     * The passes over the silver rows, side by side: the base values (or reads of stored
     * indicators) and the first months of the year of year-to-date distinct keys.
     */
    BASE_MEASURES,
    /** The year-to-date distinct counts, from the keys' first months. */
    YEAR_TO_DATE_DISTINCT,
    /** Values, targets and the assembled rows: what runs when the result is written. */
    INDICATORS
  }

  private static final String JOB_DESCRIPTION = "spark.job.description";

  /** Rows of the result per slice: some 600 KB, under Spark's advised size of a task. */
  private static final int ROWS_PER_SLICE = 1000;

  private final SparkSession spark;
  private final IndicatorCatalogue catalogue;
  private final Territories territories;

  /**
   * @param spark the session the frames made here (months, territories) belong to
   * @param catalogue the indicators computed
   * @param territories the territories they are computed for
   */
  public IndicatorComputation(
      SparkSession spark, IndicatorCatalogue catalogue, Territories territories) {
    this.spark = spark;
    this.catalogue = catalogue;
    this.territories = territories;
  }

  /** {@link #compute(MonthPlan, IndicatorInputs, Consumer)} without stage announcements. */
  public Dataset<Row> compute(MonthPlan plan, IndicatorInputs inputs) {
    return compute(plan, inputs, stage -> {});
  }

  /**
   * The {@code indicators} rows of the plan's wanted months.
   *
   * @param stages told each {@link Stage} as it starts
   * @return rows of {@link IndicatorColumns#TABLE_SCHEMA}
   */
  public Dataset<Row> compute(MonthPlan plan, IndicatorInputs given, Consumer<Stage> stages) {
    IndicatorInputs inputs = new OneCallAtATime(given);
    Dataset<Row> territoryFrame = territories.territoriesFrame(spark);
    Dataset<Row> links = territories.linksFrame(spark);

    stages.accept(Stage.BASE_MEASURES);
    // The passes over the silver rows (base values, and the year's keys for year-to-date distinct)
    // run side by side: each ends in Spark jobs of its own (the base values' collect, the keys'
    // checkpoint), and one after the other they left a core idle at the end of each.
    boolean yearToDate = !YearToDateDistinct.datasets(catalogue).isEmpty();
    String label = Objects.requireNonNullElse(jobDescription(), "base measures");
    ConcurrentSteps passes =
        new ConcurrentSteps(spark, 2)
            .add(label, () -> baseValues(plan, inputs, territoryFrame, links));
    if (yearToDate) {
      passes.add(label + ": year-to-date keys", () -> yearToDateFirstMonths(plan, inputs, links));
    }
    List<Object> passed = passes.run();

    // What follows reads a few thousand rows a month: on the driver, not as dozens of small Spark
    // jobs and their planning.
    stages.accept(Stage.INDICATORS);
    @SuppressWarnings("unchecked")
    Map<Cell, TerritoryValue> base = TerritoryValue.byCell((List<TerritoryValue>) passed.get(0));
    List<TerritoryValue> values = new ArrayList<>(Values.of(base, catalogue, plan.valueMonths()));
    if (yearToDate) {
      stages.accept(Stage.YEAR_TO_DATE_DISTINCT);
      values.addAll(
          YearToDateDistinct.values(
              ((Dataset<?>) passed.get(1)).toDF().collectAsList(),
              base,
              catalogue,
              plan.valueMonths()));
      stages.accept(Stage.INDICATORS);
    }
    List<Row> targets =
        inputs
            .targets()
            .map(
                table ->
                    table
                        .select(
                            TargetsColumns.YEAR,
                            TargetsColumns.GEO_CODE,
                            TargetsColumns.INDICATOR,
                            TargetsColumns.TARGET)
                        .collectAsList())
            .orElse(List.of());
    Map<Cell, Double> targetOf =
        Targets.derive(targets, base, catalogue, territories, plan.wanted());
    return frame(Assembly.assemble(values, targetOf, catalogue, territories, plan.wanted()));
  }

  /**
   * The rows as a frame, in slices small enough for a task (a frame of local rows would ship them
   * in one task per core, many megabytes for a rebuild of several years).
   */
  private Dataset<Row> frame(List<Row> rows) {
    int slices = Math.max(1, (rows.size() + ROWS_PER_SLICE - 1) / ROWS_PER_SLICE);
    return spark.createDataFrame(
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, slices),
        IndicatorColumns.TABLE_SCHEMA);
  }

  /**
   * The base values of every base month, on the driver: one pass per silver dataset over the months
   * measured from silver, population for every base month (a yearly table of a few hundred rows),
   * and the stored base values of the other months. Spark measures and finds the deliveries; the
   * few thousand rows a month they give are joined here.
   */
  private List<TerritoryValue> baseValues(
      MonthPlan plan, IndicatorInputs inputs, Dataset<Row> territoryFrame, Dataset<Row> links) {
    List<Dataset<Row>> measures = new ArrayList<>();
    List<Dataset<Row>> delivered = new ArrayList<>();
    List<Completeness.Slice> slices = new ArrayList<>();
    Column versionOfMonth = territories.versionOf(col(PERIOD), plan.fromSilver());
    ConcurrentSteps passes = new ConcurrentSteps(spark, Math.max(1, catalogue.datasets().size()));
    String label = Objects.requireNonNullElse(jobDescription(), "base measures") + ": ";
    Optional<Dataset<Row>> loadedFiles = inputs.loadedFiles();
    List<String> measured = new ArrayList<>();
    for (String dataset : catalogue.datasets()) {
      if (dataset.equals(PopulationColumns.TABLE)) {
        continue;
      }
      for (Period month : plan.fromSilver()) {
        slices.add(new Completeness.Slice(dataset, month, territories.versionOf(month)));
      }
      Optional<Dataset<Row>> table = inputs.rows(dataset);
      if (table.isEmpty()) {
        continue; // its indicators stay empty
      }
      Dataset<Row> rows = table.get().where(col(PERIOD).isin(strings(plan.fromSilver())));
      passes.add(
          label + dataset,
          () ->
              Measures.measure(rows, dataset, versionOfMonth, catalogue, links, plan.fromSilver()));
      measured.add(dataset);
      if (loadedFiles.isEmpty()) {
        // Without an ingest log, the provinces that have rows delivered.
        delivered.add(Completeness.deliveredFromRows(rows, lit(dataset), versionOfMonth));
      }
    }
    // With one, its LOADED files of those datasets and months: the log read once for them all.
    if (loadedFiles.isPresent() && !measured.isEmpty()) {
      delivered.add(
          Completeness.deliveredFromRows(
              loadedFiles
                  .get()
                  .where(col(IngestLogColumns.DATASET).isin(measured.toArray()))
                  .where(col(IngestLogColumns.PERIOD).isin(strings(plan.fromSilver()))),
              col(IngestLogColumns.DATASET),
              versionOfMonth));
    }
    measures.addAll(frames(passes.run())); // side by side, as in compute
    if (catalogue.datasets().contains(PopulationColumns.TABLE)) {
      Column versionOfYear = territories.versionOfYear(col(PopulationColumns.YEAR));
      for (Period month : plan.baseMonths()) {
        slices.add(
            new Completeness.Slice(
                PopulationColumns.TABLE, month, territories.versionOf(Period.of(month.year(), 1))));
      }
      inputs
          .rows(PopulationColumns.TABLE)
          .ifPresent(
              population -> {
                Dataset<Row> rows =
                    Measures.populationByMonth(population, months(plan.baseMonths()));
                measures.add(
                    Measures.measure(
                        rows,
                        PopulationColumns.TABLE,
                        versionOfYear,
                        catalogue,
                        links,
                        plan.baseMonths()));
                delivered.add(
                    Completeness.deliveredFromRows(
                        rows, lit(PopulationColumns.TABLE), versionOfYear));
              });
    }
    // The measures' last shuffles and the deliveries (small jobs, mostly planning) side by side.
    List<Object> collected =
        new ConcurrentSteps(spark, 2)
            .add(label + "values", () -> collect(measures))
            .add(label + "deliveries", () -> collect(delivered))
            .run();
    List<TerritoryValue> base =
        new ArrayList<>(
            BaseValues.fromMeasures(
                rows(collected.get(0)),
                Completeness.coverage(rows(collected.get(1)), slices, territories),
                catalogue));
    if (!plan.fromIndicators().isEmpty()) {
      List<String> storedCodes =
          catalogue.definitions().stream()
              .filter(d -> d.measure().isBase())
              .filter(d -> !d.dataset().orElseThrow().equals(PopulationColumns.TABLE))
              .map(IndicatorDefinition::code)
              .toList();
      Dataset<Row> earlier =
          inputs.indicators().orElseThrow().where(col(PERIOD).isin(strings(plan.fromIndicators())));
      base.addAll(
          TerritoryValue.fromBaseRows(
              BaseValues.fromIndicators(earlier, territories, territoryFrame, storedCodes)
                  .collectAsList()));
    }
    return base;
  }

  /**
   * First months of the year of every key of the datasets that ytd-distinct indicators read, from
   * the silver rows of every month from January to the last month whose value is needed (stored
   * indicators hold counts, not keys, so earlier months come from silver whatever changed): one
   * narrow pass over those months, materialised once as a small frame.
   */
  private Dataset<Row> yearToDateFirstMonths(
      MonthPlan plan, IndicatorInputs inputs, Dataset<Row> links) {
    Column versionOfMonth = territories.versionOf(col(PERIOD), plan.yearToDateMonths());
    List<Dataset<Row>> firstMonths = new ArrayList<>();
    for (String dataset : YearToDateDistinct.datasets(catalogue)) {
      inputs
          .rows(dataset)
          .ifPresent(
              table ->
                  firstMonths.add(
                      YearToDateDistinct.firstMonths(
                          table.where(col(PERIOD).isin(strings(plan.yearToDateMonths()))),
                          dataset,
                          versionOfMonth,
                          catalogue,
                          links,
                          plan.yearToDateMonths())));
    }
    return firstMonths.isEmpty()
        ? spark.createDataFrame(List.of(), YearToDateDistinct.FIRST_MONTHS_SCHEMA)
        : union(firstMonths).localCheckpoint(true);
  }

  /** A frame of one column {@code period}. */
  private Dataset<Row> months(Set<Period> periods) {
    List<Row> rows = periods.stream().map(p -> RowFactory.create(p.toString())).toList();
    return spark.createDataFrame(rows, new StructType().add(PERIOD, DataTypes.StringType, false));
  }

  private static Dataset<Row> union(List<Dataset<Row>> frames) {
    return frames.stream().reduce(Dataset::unionByName).orElseThrow();
  }

  /** Periods as the values of an {@code isin} (Spark's varargs of Object). */
  private static Object[] strings(Set<Period> periods) {
    return periods.stream().map(Period::toString).toArray();
  }

  /** The description of the calling thread's Spark jobs, if any. */
  private String jobDescription() {
    return spark.sparkContext().getLocalProperty(JOB_DESCRIPTION);
  }

  /** The rows of the frames, on the driver. */
  private static List<Row> collect(List<Dataset<Row>> frames) {
    return frames.isEmpty() ? List.of() : union(frames).collectAsList();
  }

  /** The result of a {@link ConcurrentSteps} step that collected rows. */
  @SuppressWarnings("unchecked")
  private static List<Row> rows(Object result) {
    return (List<Row>) result;
  }

  /** The results of {@link ConcurrentSteps} whose steps return frames. */
  private static List<Dataset<Row>> frames(List<Object> results) {
    return results.stream().map(result -> ((Dataset<?>) result).toDF()).toList();
  }

  /**
   * The inputs as the passes, which run side by side, see them: one call at a time, so that an
   * implementation need not be thread-safe (the transform's opens and caches tables).
   */
  private record OneCallAtATime(IndicatorInputs inputs) implements IndicatorInputs {
    @Override
    public synchronized Optional<Dataset<Row>> rows(String dataset) {
      return inputs.rows(dataset);
    }

    @Override
    public synchronized Optional<Dataset<Row>> targets() {
      return inputs.targets();
    }

    @Override
    public synchronized Optional<Dataset<Row>> loadedFiles() {
      return inputs.loadedFiles();
    }

    @Override
    public synchronized Optional<Dataset<Row>> indicators() {
      return inputs.indicators();
    }
  }
}
