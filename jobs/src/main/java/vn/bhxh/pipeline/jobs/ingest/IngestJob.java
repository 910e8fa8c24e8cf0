package vn.bhxh.pipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.landing.LandingZone;
import vn.bhxh.pipeline.common.pseudo.HmacKey;
import vn.bhxh.pipeline.common.pseudo.Pseudonymizer;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.GeographyColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.QuarantineColumns;
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
                Set.copyOf(config.ingest().targetIndicators()),
                new HadoopConfiguration(hadoop),
                environment.run().runId(),
                Timestamp.from(environment.run().startedAt())),
            config.ingest().targetRowsPerFile(),
            summary);
    List<Row> log = new ArrayList<>();
    for (List<LandingFile> batch : batches) {
      log.addAll(loader.load(batch));
    }
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

  /** Logs the files and rows done every few seconds while a batch is being read. */
  private static final class Progress {
    private static final long EVERY_SECONDS = 15;
    private final ScheduledExecutorService timer;

    Progress(String label, int files, TaskMetrics metrics) {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              runnable -> {
                Thread thread = new Thread(runnable, "ingest-progress");
                thread.setDaemon(true);
                return thread;
              });
      timer.scheduleAtFixedRate(
          () ->
              LOG.info(
                  "{}: {}/{} files read, {} rows",
                  label,
                  metrics.filesDone().value(),
                  files,
                  String.format(Locale.ROOT, "%,d", metrics.rowsRead().value())),
          EVERY_SECONDS,
          EVERY_SECONDS,
          TimeUnit.SECONDS);
    }

    void close() {
      timer.shutdownNow();
    }
  }

  /** Loads one batch of files of one dataset and period (or one reference file). */
  private static final class BatchLoader {
    private final SparkSession spark;
    private final JavaSparkContext context;
    private final TableCatalog catalog;
    private final FileIngestTask.Settings settings;
    private final long targetRowsPerFile;
    private final IngestSummary summary;

    BatchLoader(
        SparkSession spark,
        TableCatalog catalog,
        FileIngestTask.Settings settings,
        long targetRowsPerFile,
        IngestSummary summary) {
      this.spark = spark;
      this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
      this.catalog = catalog;
      this.settings = settings;
      this.targetRowsPerFile = targetRowsPerFile;
      this.summary = summary;
    }

    /** Loads a batch and returns its {@code ingest_log} rows. */
    List<Row> load(List<LandingFile> files) {
      LandingFile first = files.get(0);
      LandingFile last = files.get(files.size() - 1);
      IngestDataset dataset = IngestDataset.of(first.dataset());
      String label = "ingest " + dataset.table();
      if (first.period() != null) {
        label +=
            " "
                + first.period()
                + (last.period().equals(first.period()) ? "" : ".." + last.period())
                + (files.size() == 1 ? "/" + first.provinceCode() : "");
      }
      label += " (" + files.size() + (files.size() == 1 ? " file)" : " files)");
      SparkContext sc = spark.sparkContext();
      TaskMetrics metrics = TaskMetrics.register(sc);

      long start = System.nanoTime();
      sc.setJobDescription(label + ": read and validate");
      FileIngestTask task = new FileIngestTask(dataset, settings, metrics);
      // Largest files first: tasks start in partition order, so the big provinces (Hà Nội, Hồ Chí
      // Minh City) no longer end a batch alone on one core while the other waits.
      List<LandingFile> largestFirst =
          files.stream()
              .sorted(Comparator.comparingLong(LandingFile::sizeBytes).reversed())
              .toList();
      Dataset<Row> envelope =
          spark
              .createDataFrame(
                  context.parallelize(largestFirst, files.size()).flatMap(task).rdd(),
                  FileIngestTask.envelope(dataset))
              .persist(StorageLevel.MEMORY_AND_DISK());
      // One row per file: tiny metadata, needed on the driver to know which slices loaded. The
      // scan also materialises the cache, so this step is the read+validate time.
      List<Row> log;
      Progress progress = new Progress(label, files.size(), metrics);
      try {
        log =
            envelope
                .filter(col(FileIngestTask.KIND).equalTo(FileIngestTask.FILE))
                .select(col(FileIngestTask.FILE + ".*"))
                .collectAsList();
      } finally {
        progress.close();
      }
      long validated = System.nanoTime();

      Map<String, Set<String>> loadedSlices = new TreeMap<>();
      Set<String> rejectedPaths = new HashSet<>();
      long accepted = 0;
      long quarantined = 0;
      for (Row row : log) {
        if (IngestLogColumns.STATUS_LOADED.equals(row.getAs(IngestLogColumns.STATUS))) {
          if (row.getAs(IngestLogColumns.PROVINCE_CODE) != null) {
            loadedSlices
                .computeIfAbsent(row.getAs(IngestLogColumns.PERIOD), p -> new TreeSet<>())
                .add(row.getAs(IngestLogColumns.PROVINCE_CODE));
          }
          accepted += row.<Long>getAs(IngestLogColumns.ROWS_ACCEPTED);
          quarantined += row.<Long>getAs(IngestLogColumns.ROWS_QUARANTINED);
        } else {
          rejectedPaths.add(row.getAs(IngestLogColumns.PATH));
        }
      }
      if (dataset.monthly() && !loadedSlices.isEmpty()) {
        String slices = sliceCondition(loadedSlices);
        sc.setJobDescription(label + ": write " + dataset.table());
        catalog.createIfMissing(dataset.table(), dataset.schema(), CommonColumns.PERIOD);
        catalog.replaceWhere(
            withoutRejected(accepted(envelope), CommonColumns.SOURCE_FILE, rejectedPaths)
                .coalesce(files(accepted)),
            dataset.table(),
            slices);
        writeQuarantine(envelope, label, dataset, slices, rejectedPaths, quarantined);
      } else if (!dataset.monthly() && rejectedPaths.isEmpty()) {
        sc.setJobDescription(label + ": write " + dataset.table());
        catalog.overwrite(accepted(envelope).coalesce(1), dataset.table());
        writeQuarantine(
            envelope,
            label,
            dataset,
            "(" + QuarantineColumns.PERIOD + " = '" + QuarantineColumns.REFERENCE_PERIOD + "')",
            rejectedPaths,
            quarantined);
      }
      envelope.unpersist(false);
      long written = System.nanoTime();

      summary.add(log);
      summary.addTimes(
          validated - start,
          written - validated,
          metrics.parseNanos().value(),
          metrics.validateNanos().value(),
          metrics.fileTaskNanos().value());
      LOG.info(
          "{}: done in {} s; {}",
          label,
          String.format(Locale.ROOT, "%.1f", (written - start) / 1e9),
          summary.progress());
      return log;
    }

    private void writeQuarantine(
        Dataset<Row> envelope,
        String label,
        IngestDataset dataset,
        String slices,
        Set<String> rejectedPaths,
        long rows) {
      spark.sparkContext().setJobDescription(label + ": write " + QuarantineColumns.TABLE);
      catalog.createIfMissing(
          QuarantineColumns.TABLE, QuarantineColumns.TABLE_SCHEMA, QuarantineColumns.PERIOD);
      String condition = QuarantineColumns.DATASET + " = '" + dataset.table() + "' AND " + slices;
      if (rows == 0) {
        // Nothing new to quarantine (the usual case): only the slices' earlier rejects go, which
        // spares a pass over the cached batch and an empty write.
        catalog.delete(QuarantineColumns.TABLE, condition);
        return;
      }
      Dataset<Row> quarantine =
          envelope
              .filter(col(FileIngestTask.KIND).equalTo(FileIngestTask.QUARANTINED))
              .select(col(FileIngestTask.QUARANTINED + ".*"));
      catalog.replaceWhere(
          withoutRejected(quarantine, QuarantineColumns.SOURCE_FILE, rejectedPaths)
              .coalesce(files(rows)),
          QuarantineColumns.TABLE,
          condition);
    }

    private static Dataset<Row> accepted(Dataset<Row> envelope) {
      return envelope
          .filter(col(FileIngestTask.KIND).equalTo(FileIngestTask.ACCEPTED))
          .select(col(FileIngestTask.ACCEPTED + ".*"));
    }

    /** Drops the rows a file yielded before it was found unusable (see {@link FileIngestTask}). */
    private static Dataset<Row> withoutRejected(
        Dataset<Row> rows, String sourceColumn, Set<String> rejectedPaths) {
      return rejectedPaths.isEmpty()
          ? rows
          : rows.filter(not(col(sourceColumn).isin(rejectedPaths.toArray())));
    }

    /**
     * Files (write tasks) for a load of {@code rows}: about {@code target-rows-per-file} rows each,
     * rounded up to a multiple of the cores so that no core idles through the last round (3 files
     * on 2 cores took as long as 4).
     */
    private int files(long rows) {
      long byRows = Math.max(1, (rows + targetRowsPerFile - 1) / targetRowsPerFile);
      long cores = Math.max(1, spark.sparkContext().defaultParallelism());
      long rounded = byRows == 1 ? 1 : (byRows + cores - 1) / cores * cores;
      return (int) Math.min(64, rounded);
    }
  }
}
