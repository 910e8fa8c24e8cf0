package vn.bhxh.pipeline.jobs.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.landing.LandingZone;
import vn.bhxh.pipeline.common.pseudo.HmacKey;
import vn.bhxh.pipeline.common.pseudo.Pseudonymizer;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.spark.ConcurrentSteps;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * Loads landing files into their Delta tables, with rejected rows in {@code quarantine} and one
 * {@code ingest_log} row per file: the work of {@code ingest} ({@link #loadLanding}) and of the
 * nightly's load ({@link #loadFiles}), which returns what it did ({@link Result}) and prints
 * nothing.
 *
 * <p>Work is done in batches: the files of one dataset, in period order, up to {@code
 * pipeline.ingest.batch-bytes} of landing data (a reference file is a batch of its own; {@link
 * IngestBatches}). The files of a batch are read, validated and pseudonymised in parallel, in
 * line-aligned ranges ({@link FileIngestTask}), and the tasks write the accepted rows' Parquet
 * files as they go; the commit adds them once every file's outcome is known ({@link BatchLoader}).
 * Each table receives <b>one commit per batch</b> whose {@code replaceWhere} covers exactly the
 * slices loaded — {@code (period = 'P' AND province_code IN (…)) OR …} — rather than one commit per
 * (dataset, period, province) slice. The commit is atomic, so a reader still never sees a
 * half-loaded slice; slices outside the batch (rejected files, other provinces or months) are
 * untouched; and the Delta log gets a few commits per run instead of 3 × 63 per month, with a
 * Parquet file per read task and period (at most {@code target-rows-per-file} rows) instead of one
 * small file per province. Per-slice commits were measured at several seconds each on a shared
 * machine, which made 63 × 12 × 3 of them the dominant cost. A slice whose file was rejected keeps
 * its last good load.
 *
 * <p>Order: per batch the data table, then quarantine; {@code ingest_log} once at the end of the
 * load. A run killed in between leaves the log behind the tables, so the next run (or {@code
 * nightly}) loads those slices again, and the replace makes that harmless.
 */
public final class IngestStep {
  private static final Logger LOG = LoggerFactory.getLogger(IngestStep.class);

  private final JobEnvironment environment;
  private final Pseudonymizer pseudonymizer;
  private final Geography geography;
  private final long started;

  private IngestStep(
      JobEnvironment environment, Pseudonymizer pseudonymizer, Geography geography, long started) {
    this.environment = environment;
    this.pseudonymizer = pseudonymizer;
    this.geography = geography;
    this.started = started;
  }

  /**
   * Loads the pseudonymisation key and the geography first: a run that cannot pseudonymise must not
   * touch anything. The step's time counts from here.
   */
  public static IngestStep open(JobEnvironment environment) {
    long started = System.nanoTime();
    PipelineConfig config = environment.config();
    Pseudonymizer pseudonymizer = new Pseudonymizer(HmacKey.load(config.pseudonymisation()));
    Geography geography = Geography.load(config.geography());
    return new IngestStep(environment, pseudonymizer, geography, started);
  }

  /**
   * What {@code ingest} loads: the reference data (the project's geography, and population and
   * targets from the landing zone; a missing reference file is noted and leaves its table
   * unchanged) and the monthly files of the landing zone that {@code options} select.
   */
  public Result loadLanding(IngestOptions options) {
    PipelineConfig config = environment.config();
    SparkSession spark = environment.spark();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<LandingFile> monthly =
        LandingZone.list(hadoop, config.landing(), geography, options.range(), options.province());
    List<LandingFile> reference = LandingZone.listReference(hadoop, config.landing());
    checkWritable();

    IngestSummary summary = new IngestSummary(reference.size() + monthly.size());
    for (String missing : missingReference(reference)) {
      summary.note(missing + " not found: its table is unchanged");
    }
    // The geography table is written beside the first batches: a small write, mostly the
    // driver's time, that used to hold every read back by a few seconds.
    List<Object> done =
        new ConcurrentSteps(spark, 2)
            .add("ingest geography", () -> GeographyTable.write(environment.catalog(), geography))
            .add("ingest", () -> load(reference, monthly, summary))
            .run();
    environment.catalog().registerAll();
    return (Result) done.get(1);
  }

  /**
   * Loads exactly these files (what {@code nightly} found new or changed), as {@link #loadLanding}
   * would load them: same batches, validation, replaced slices and {@code ingest_log} rows. The
   * geography table is not rewritten (the caller decides whether it changed: {@link
   * GeographyTable#write}).
   *
   * @param reference reference files ({@code reference/population.csv}, {@code targets.csv}) to
   *     load, each replacing its table
   * @param monthly monthly files, ordered by dataset, period, province (as {@link LandingZone#list}
   *     gives them)
   */
  public Result loadFiles(List<LandingFile> reference, List<LandingFile> monthly) {
    checkWritable();
    Result result = load(reference, monthly, new IngestSummary(reference.size() + monthly.size()));
    environment.catalog().registerAll();
    return result;
  }

  private Result load(
      List<LandingFile> reference, List<LandingFile> monthly, IngestSummary summary) {
    PipelineConfig config = environment.config();
    SparkSession spark = environment.spark();
    TableCatalog catalog = environment.catalog();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    // The monthly batches first: their reads keep every core busy while the small reference
    // batches' first commits (which warm Delta up) would otherwise hold them back.
    List<List<LandingFile>> batches =
        new ArrayList<>(IngestBatches.monthlyBatches(monthly, config.ingest().batchBytes()));
    reference.forEach(file -> batches.add(List.of(file)));
    LOG.info(
        "ingest: {} reference and {} monthly files in {} batches from {}",
        reference.size(),
        monthly.size(),
        batches.size(),
        config.landing());

    List<Row> log;
    try (BatchLoader loader =
        new BatchLoader(
            spark,
            catalog,
            new FileIngestTask.Settings(
                pseudonymizer,
                geography,
                targetIndicators(config),
                new HadoopConfiguration(hadoop),
                environment.run().runId(),
                Timestamp.from(environment.run().startedAt())),
            config.ingest().splitBytes(),
            config.ingest().targetRowsPerFile(),
            summary)) {
      log = BatchPipeline.run(loader, batches);
    }
    // One append for the run: a run killed before it leaves loaded slices unlogged, so the next
    // run loads them again, which the replace makes harmless.
    spark.sparkContext().setJobDescription("ingest: write " + IngestLogColumns.TABLE);
    // The first append creates the table, with the rows' schema: the table's own.
    catalog.appendRows(log, IngestLogColumns.TABLE_SCHEMA, IngestLogColumns.TABLE);
    return new Result(summary, environment.run().runId(), System.nanoTime() - started);
  }

  /** The geography the files are validated against. */
  public Geography geography() {
    return geography;
  }

  /** The codes targets.csv may plan: as configured, or the catalogue's plannable indicators. */
  private static Set<String> targetIndicators(PipelineConfig config) {
    List<String> configured = config.ingest().targetIndicators();
    return Set.copyOf(
        configured.isEmpty()
            ? IndicatorCatalogue.load(config.indicators().catalogue()).plannable()
            : configured);
  }

  private static List<String> missingReference(List<LandingFile> present) {
    Set<String> found = present.stream().map(LandingFile::path).collect(Collectors.toSet());
    return LandingZone.REFERENCE_FILES.stream().filter(f -> !found.contains(f)).toList();
  }

  /** Fails before any work when the warehouse cannot be written (rather than after the reads). */
  private void checkWritable() {
    String warehouse = environment.catalog().warehouse();
    Path root = new Path(warehouse);
    try {
      FileSystem fs = root.getFileSystem(environment.spark().sparkContext().hadoopConfiguration());
      fs.mkdirs(root);
      Path probe = new Path(root, "_write-probe-" + environment.run().runId());
      fs.create(probe, true).close();
      fs.delete(probe, false);
    } catch (IOException e) {
      throw new PipelineException(
          "warehouse " + warehouse + " is not writable: " + e.getClass().getSimpleName(), e);
    }
  }

  /** What a load did: the closing summary for a reader and the counts for the {@code runs} row. */
  public static final class Result {
    private final IngestSummary summary;
    private final String runId;
    private final long totalNanos;

    private Result(IngestSummary summary, String runId, long totalNanos) {
      this.summary = summary;
      this.runId = runId;
      this.totalNanos = totalNanos;
    }

    /** Prints the closing summary (files, rows, reasons, rejected files, times). */
    public void print(PrintStream out) {
      summary.print(out, runId, totalNanos);
      out.flush();
    }

    /** The run's counts and facts for the {@code runs} table. */
    public RunResult runResult() {
      return summary.result(totalNanos);
    }
  }
}
