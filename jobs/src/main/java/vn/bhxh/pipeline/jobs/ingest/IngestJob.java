package vn.bhxh.pipeline.jobs.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
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
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.GeographyColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;

/**
 * The {@code ingest} command: loads the reference data (geography from the project, population and
 * targets from the landing zone) and the monthly landing files into their Delta tables, with
 * rejected rows in {@code quarantine} and one {@code ingest_log} row per file.
 *
 * <p>Work is done in batches: the files of one dataset, in period order, up to {@code
 * pipeline.ingest.batch-bytes} of landing data (a reference file is a batch of its own). The files
 * of a batch are read, validated and pseudonymised in parallel, one Spark task per file ({@link
 * FileIngestTask}); the result is cached once, then written. Each table receives <b>one commit per
 * batch</b> whose {@code replaceWhere} covers exactly the slices loaded — {@code (period = 'P' AND
 * province_code IN (…)) OR …} — rather than one commit per (dataset, period, province) slice. The
 * commit is atomic, so a reader still never sees a half-loaded slice; slices outside the batch
 * (rejected files, other provinces or months) are untouched; and the Delta log gets a few commits
 * per run instead of 3 × 63 per month, with Parquet files sized by rows ({@code
 * target-rows-per-file}) instead of one small file per province. Per-slice commits were measured at
 * several seconds each on a shared machine, which made 63 × 12 × 3 of them the dominant cost. A
 * slice whose file was rejected keeps its last good load.
 *
 * <p>Order: per batch the data table, then quarantine; {@code ingest_log} once at the end of the
 * run. A run killed in between leaves the log behind the tables, so the next run (or {@code
 * nightly}) loads those slices again, and the replace makes that harmless.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  private IngestJob() {}

  /** Runs the ingest; the closing summary goes to {@code out}. */
  public static RunResult run(JobEnvironment environment, IngestOptions options, PrintStream out) {
    long started = System.nanoTime();
    PipelineConfig config = environment.config();
    SparkSession spark = environment.spark();
    // Key and geography first: a run that cannot pseudonymise must not touch anything.
    Pseudonymizer pseudonymizer = new Pseudonymizer(HmacKey.load(config.pseudonymisation()));
    Geography geography = Geography.load(config.geography());
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();

    List<LandingFile> monthly =
        LandingZone.list(hadoop, config.landing(), geography, options.range(), options.province());
    List<LandingFile> reference = LandingZone.listReference(hadoop, config.landing());
    checkWritable(hadoop, environment.catalog().warehouse(), environment.run().runId());

    writeGeography(spark, environment.catalog(), geography);
    IngestSummary summary = new IngestSummary(reference.size() + monthly.size());
    for (String missing : missingReference(reference)) {
      summary.note(missing + " not found: its table is unchanged");
    }
    return load(environment, pseudonymizer, geography, reference, monthly, summary, started, out);
  }

  /**
   * Ingests exactly these files (what {@code nightly} found new or changed), as {@link #run} would
   * ingest them: same batches, validation, replaced slices and {@code ingest_log} rows. The
   * geography table is not rewritten (the caller decides whether it changed: {@link
   * #writeGeography}).
   *
   * @param reference reference files ({@code reference/population.csv}, {@code targets.csv}) to
   *     load, each replacing its table
   * @param monthly monthly files, ordered by dataset, period, province (as {@link LandingZone#list}
   *     gives them)
   */
  public static RunResult runFiles(
      JobEnvironment environment,
      List<LandingFile> reference,
      List<LandingFile> monthly,
      PrintStream out) {
    long started = System.nanoTime();
    PipelineConfig config = environment.config();
    Pseudonymizer pseudonymizer = new Pseudonymizer(HmacKey.load(config.pseudonymisation()));
    Geography geography = Geography.load(config.geography());
    checkWritable(
        environment.spark().sparkContext().hadoopConfiguration(),
        environment.catalog().warehouse(),
        environment.run().runId());
    IngestSummary summary = new IngestSummary(reference.size() + monthly.size());
    return load(environment, pseudonymizer, geography, reference, monthly, summary, started, out);
  }

  private static RunResult load(
      JobEnvironment environment,
      Pseudonymizer pseudonymizer,
      Geography geography,
      List<LandingFile> reference,
      List<LandingFile> monthly,
      IngestSummary summary,
      long started,
      PrintStream out) {
    PipelineConfig config = environment.config();
    SparkSession spark = environment.spark();
    TableCatalog catalog = environment.catalog();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<List<LandingFile>> batches = new ArrayList<>();
    reference.forEach(file -> batches.add(List.of(file)));
    batches.addAll(monthlyBatches(monthly, config.ingest().batchBytes()));
    LOG.info(
        "ingest: {} reference and {} monthly files in {} batches from {}",
        reference.size(),
        monthly.size(),
        batches.size(),
        config.landing());

    BatchLoader loader =
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
            summary);
    List<Row> log = BatchPipeline.run(loader, batches);
    // One append for the run: a run killed before it leaves loaded slices unlogged, so the next
    // run loads them again, which the replace makes harmless.
    spark.sparkContext().setJobDescription("ingest: write " + IngestLogColumns.TABLE);
    catalog.createIfMissing(IngestLogColumns.TABLE, IngestLogColumns.TABLE_SCHEMA);
    catalog.append(
        spark.createDataFrame(log, IngestLogColumns.TABLE_SCHEMA).coalesce(1),
        IngestLogColumns.TABLE);
    catalog.registerAll();

    long total = System.nanoTime() - started;
    summary.print(out, environment.run().runId(), total);
    out.flush();
    return summary.result(total);
  }

  /** The codes targets.csv may plan: as configured, or the catalogue's plannable indicators. */
  private static Set<String> targetIndicators(PipelineConfig config) {
    List<String> configured = config.ingest().targetIndicators();
    return Set.copyOf(
        configured.isEmpty()
            ? IndicatorCatalogue.load(config.indicators().catalogue()).plannable()
            : configured);
  }

  /**
   * Cuts the monthly files (ordered by dataset, period, province) into batches of one dataset and
   * at most {@code maxBytes} of landing files (but at least one file); misnamed files, which name
   * no slice, form a batch of their own per dataset. The batches of a dataset are about even: a
   * dataset of 3.1 budgets is cut into 4 batches of about 0.78, not 3 full ones and a small tail
   * (which costs nearly the fixed overhead of a full batch: its jobs and two commits).
   */
  static List<List<LandingFile>> monthlyBatches(List<LandingFile> files, long maxBytes) {
    Map<String, Long> totalBytes = new LinkedHashMap<>();
    for (LandingFile file : files) {
      totalBytes.merge(batchKey(file), file.sizeBytes(), Long::sum);
    }
    Map<String, List<List<LandingFile>>> byDataset = new LinkedHashMap<>();
    Map<String, Long> doneBytes = new LinkedHashMap<>();
    Map<String, Long> openBytes = new LinkedHashMap<>();
    Map<String, Long> openShare = new LinkedHashMap<>();
    for (LandingFile file : files) {
      String key = batchKey(file);
      long total = Math.max(1, totalBytes.get(key));
      long batchCount = Math.max(1, (total + maxBytes - 1) / maxBytes);
      // The even share this file's middle falls in: shares end at k × total / batchCount.
      long done = doneBytes.getOrDefault(key, 0L);
      long share = (long) ((done + file.sizeBytes() / 2.0) * batchCount / total);
      List<List<LandingFile>> batches = byDataset.computeIfAbsent(key, k -> new ArrayList<>());
      long bytes = openBytes.getOrDefault(key, 0L);
      // A new batch at the next share, or when this file would overflow the budget (so a file
      // bigger than the budget is a batch of its own).
      if (batches.isEmpty()
          || share > openShare.get(key)
          || (bytes > 0 && bytes + file.sizeBytes() > maxBytes)) {
        batches.add(new ArrayList<>());
        bytes = 0;
        openShare.put(key, share);
      }
      batches.get(batches.size() - 1).add(file);
      openBytes.put(key, bytes + file.sizeBytes());
      doneBytes.put(key, done + file.sizeBytes());
    }
    List<List<LandingFile>> result = new ArrayList<>();
    byDataset.values().forEach(result::addAll);
    return result;
  }

  private static String batchKey(LandingFile file) {
    return file.dataset() + (file.period() == null ? "/misnamed" : "");
  }

  /**
   * {@code (period = 'P' AND province_code IN ('01', …)) OR …}: exactly the slices loaded. The
   * values were validated as YYYY-MM and two digits, so quoting them is safe.
   */
  static String sliceCondition(Map<String, Set<String>> provincesByPeriod) {
    return provincesByPeriod.entrySet().stream()
        .map(
            slice ->
                "("
                    + CommonColumns.PERIOD
                    + " = '"
                    + slice.getKey()
                    + "' AND "
                    + CommonColumns.PROVINCE_CODE
                    + " IN ("
                    + slice.getValue().stream()
                        .map(p -> "'" + p + "'")
                        .collect(Collectors.joining(", "))
                    + "))")
        .collect(Collectors.joining(" OR ", "(", ")"));
  }

  private static List<String> missingReference(List<LandingFile> present) {
    Set<String> found = present.stream().map(LandingFile::path).collect(Collectors.toSet());
    return LandingZone.REFERENCE_FILES.stream().filter(f -> !found.contains(f)).toList();
  }

  /** The rows of the {@code geography} table for a geography (tiny: one per province). */
  private static Dataset<Row> geographyRows(SparkSession spark, Geography geography) {
    return spark.createDataFrame(GeographyTable.rows(geography), GeographyColumns.TABLE_SCHEMA);
  }

  /** Replaces the {@code geography} table with the project's geography (one commit). */
  public static void writeGeography(SparkSession spark, TableCatalog catalog, Geography geography) {
    spark.sparkContext().setJobDescription("ingest geography");
    catalog.overwrite(geographyRows(spark, geography), GeographyColumns.TABLE);
  }

  /** Fails before any work when the warehouse cannot be written (rather than after the reads). */
  private static void checkWritable(Configuration hadoop, String warehouse, String runId) {
    Path root = new Path(warehouse);
    try {
      FileSystem fs = root.getFileSystem(hadoop);
      fs.mkdirs(root);
      Path probe = new Path(root, "_write-probe-" + runId);
      fs.create(probe, true).close();
      fs.delete(probe, false);
    } catch (IOException e) {
      throw new PipelineException(
          "warehouse " + warehouse + " is not writable: " + e.getClass().getSimpleName(), e);
    }
  }
}
