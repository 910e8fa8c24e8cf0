package vn.bhxh.pipeline.jobs.transform;

import static org.apache.spark.sql.functions.col;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.indicators.IndicatorDefinition;
import vn.bhxh.pipeline.common.indicators.Measure;
import vn.bhxh.pipeline.common.indicators.Measures;
import vn.bhxh.pipeline.common.indicators.Territories;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.spark.SparkSessionFactory;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * Times {@code transform} over a range of months of a warehouse, then the same roll-up (every base
 * measure of the catalogue, every territory, both boundaries) in DuckDB over the same Parquet files
 * (the Delta tables' current files), and prints rows/s, seconds per period and the ratio. Run by
 * {@code bench/transform-benchmark.sh}; not part of the jobs jar.
 *
 * <p>Arguments: {@code WAREHOUSE FROM TO [THREADS]}. The Spark side runs {@code local[THREADS]} and
 * DuckDB gets the same number of threads.
 */
public final class TransformBenchmark {
  private TransformBenchmark() {}

  public static void main(String[] args) throws SQLException {
    if (args.length < 3) {
      System.err.println("usage: TransformBenchmark WAREHOUSE FROM TO [THREADS]");
      System.exit(2);
    }
    String warehouse = args[0];
    PeriodRange range = PeriodRange.of(args[1], args[2]);
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    PipelineConfig config =
        ConfigLoader.load(
                Optional.empty(),
                List.of(
                    "pipeline.spark.master=local[" + threads + "]",
                    "pipeline.spark.ui-enabled=false"))
            .withLocations(null, warehouse, null);
    SparkSession spark = SparkSessionFactory.create(config);
    JobTimes jobTimes = new JobTimes();
    spark.sparkContext().addSparkListener(jobTimes);
    TableCatalog catalog = TableCatalog.of(spark, config);
    IndicatorCatalogue catalogue = IndicatorCatalogue.load(config.indicators().catalogue());
    Territories territories = Territories.of(Geography.load(config.geography()));
    List<String> months = range.periods().stream().map(Period::toString).toList();

    List<String> silver =
        catalogue.datasets().stream().filter(d -> !d.equals(PopulationColumns.TABLE)).toList();
    long rows = 0;
    for (String dataset : silver) {
      rows += catalog.read(dataset).where(col(CommonColumns.PERIOD).isin(months.toArray())).count();
    }
    System.out.printf(Locale.ROOT, "silver rows in %s: %,d%n", range, rows);

    // 1. the whole transform job (base pass, derived columns, Delta commit)
    JobEnvironment environment =
        new JobEnvironment(
            config, spark, catalog, RunContext.start("transform", List.of(), Clock.systemUTC()));
    long start = System.nanoTime();
    RunResult result = TransformJob.run(environment, range);
    double transformSeconds = seconds(start);
    jobTimes.print("transform");

    // 2. the base roll-up alone in Spark (what DuckDB does below), executed without output
    Dataset<Row> links = territories.linksFrame(spark);
    start = System.nanoTime();
    for (String dataset : silver) {
      Dataset<Row> input =
          catalog.read(dataset).where(col(CommonColumns.PERIOD).isin(months.toArray()));
      Measures.measure(
              input,
              dataset,
              territories.versionOf(col(CommonColumns.PERIOD), range.periods()),
              catalogue,
              links,
              range.periods())
          .write()
          .format("noop")
          .mode("overwrite")
          .save();
    }
    double sparkRollupSeconds = seconds(start);

    // 3. the same roll-up in DuckDB over the same Parquet files
    double duckdbSeconds;
    long duckdbGroups;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement s = duck.createStatement()) {
        s.execute("SET threads = " + threads);
        s.execute(
            "CREATE TABLE links (source_version VARCHAR, province_code VARCHAR,"
                + " territory_id INTEGER)");
      }
      try (PreparedStatement insert = duck.prepareStatement("INSERT INTO links VALUES (?, ?, ?)")) {
        for (Territories.Link link : territories.links()) {
          insert.setString(1, link.sourceVersion().code());
          insert.setString(2, link.provinceCode());
          insert.setInt(3, link.territoryId());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      for (String dataset : silver) {
        String files =
            List.of(
                    catalog
                        .read(dataset)
                        .where(col(CommonColumns.PERIOD).isin(months.toArray()))
                        .inputFiles())
                .stream()
                .map(f -> "'" + f.replaceFirst("^file:", "").replace("'", "''") + "'")
                .collect(Collectors.joining(", "));
        try (Statement s = duck.createStatement()) {
          s.execute(
              "CREATE VIEW "
                  + dataset
                  + " AS SELECT * FROM read_parquet(["
                  + files
                  + "], hive_partitioning = true, hive_types = {'period': VARCHAR})");
        }
      }
      start = System.nanoTime();
      duckdbGroups = 0;
      for (String dataset : silver) {
        try (Statement s = duck.createStatement()) {
          s.execute(
              "CREATE TABLE rollup_"
                  + dataset
                  + " AS "
                  + duckdbRollup(catalogue, dataset, territories));
          try (ResultSet r = s.executeQuery("SELECT count(*) FROM rollup_" + dataset)) {
            r.next();
            duckdbGroups += r.getLong(1);
          }
        }
      }
      duckdbSeconds = seconds(start);
    }

    int periods = months.size();
    System.out.printf(
        Locale.ROOT,
        "transform (Spark, local[%d]): %.1f s, %.2f s/period, %,.0f rows/s, %d indicator rows%n",
        threads,
        transformSeconds,
        transformSeconds / periods,
        rows / transformSeconds,
        result.rowsWritten());
    System.out.printf(
        Locale.ROOT,
        "base roll-up (Spark): %.1f s, %.2f s/period, %,.0f rows/s%n",
        sparkRollupSeconds,
        sparkRollupSeconds / periods,
        rows / sparkRollupSeconds);
    System.out.printf(
        Locale.ROOT,
        "base roll-up (DuckDB, %d threads): %.1f s, %.2f s/period, %,.0f rows/s, %d groups%n",
        threads,
        duckdbSeconds,
        duckdbSeconds / periods,
        rows / duckdbSeconds,
        duckdbGroups);
    System.out.printf(
        Locale.ROOT,
        "ratio Spark/DuckDB: roll-up %.2f×, whole transform %.2f×%n",
        sparkRollupSeconds / duckdbSeconds,
        transformSeconds / duckdbSeconds);
  }

  /** The catalogue's base measures of a dataset as one DuckDB GROUP BY over every territory. */
  static String duckdbRollup(
      IndicatorCatalogue catalogue, String dataset, Territories territories) {
    List<String> measures = new ArrayList<>();
    for (IndicatorDefinition d : catalogue.baseMeasuresOf(dataset)) {
      String filter = d.filter().orElse("TRUE");
      String measure =
          switch (d.measure()) {
            case DISTINCT ->
                "count(DISTINCT CASE WHEN "
                    + filter
                    + " THEN "
                    + d.column().orElseThrow()
                    + " END)";
            case COUNT -> "count(*) FILTER (WHERE " + filter + ")";
            case SUM ->
                "coalesce(sum(" + d.column().orElseThrow() + ") FILTER (WHERE " + filter + "), 0)";
            default ->
                throw new IllegalStateException(d.measure() + " is not a base " + Measure.class);
          };
      measures.add(measure + " AS " + d.code());
    }
    return "SELECT r.period, l.territory_id, "
        + String.join(", ", measures)
        + " FROM "
        + dataset
        + " r JOIN links l ON l.province_code = r.province_code AND l.source_version ="
        + " CASE WHEN r.period < '"
        + territories.p34From()
        + "' THEN 'p63' ELSE 'p34' END GROUP BY r.period, l.territory_id";
  }

  /**
   * Wall time of the Spark jobs, summed by job description: the profile of a run without the Spark
   * UI (overlapping jobs each count in full).
   */
  private static final class JobTimes extends SparkListener {
    private final Map<Integer, Long> started = new ConcurrentHashMap<>();
    private final Map<Integer, String> descriptions = new ConcurrentHashMap<>();
    private final Map<String, long[]> byDescription = new ConcurrentSkipListMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart event) {
      started.put(event.jobId(), event.time());
      String description = event.properties().getProperty("spark.job.description");
      descriptions.put(event.jobId(), description == null ? "(none)" : description);
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd event) {
      Long start = started.remove(event.jobId());
      String description = descriptions.remove(event.jobId());
      if (start != null) {
        long[] figures = byDescription.computeIfAbsent(description, d -> new long[2]);
        synchronized (figures) {
          figures[0]++;
          figures[1] += event.time() - start;
        }
      }
    }

    void print(String title) {
      System.out.println("Spark jobs of the " + title + " by description (jobs, wall seconds):");
      byDescription.forEach(
          (description, figures) ->
              System.out.printf(
                  Locale.ROOT, "  %-60s %4d %8.1f%n", description, figures[0], figures[1] / 1e3));
      byDescription.clear();
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
