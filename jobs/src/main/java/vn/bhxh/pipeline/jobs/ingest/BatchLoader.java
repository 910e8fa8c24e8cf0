package vn.bhxh.pipeline.jobs.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.landing.LandingFile;

/**
 * Loads one batch: the files of one dataset (or one reference file), read as ranges by many tasks
 * ({@link SplitPlanner}, {@link FileIngestTask}) that write the accepted rows' Parquet files
 * themselves ({@link TableFileWriter}) and yield the rest (quarantined rows, outcomes, the files
 * written), cached ({@link #read}); then {@link BatchWriter} commits the table's files and writes
 * {@code quarantine}, one commit each, replacing exactly the slices whose files loaded ({@link
 * #write}). {@link BatchPipeline} reads several batches at once and writes each table's in order,
 * different tables' side by side.
 *
 * <p>Between the read and the commits: the ranges' outcomes are put together per file ({@link
 * FileOutcomes}); files whose ranges cannot be trusted to equal a whole read, and files with a key
 * accepted in two ranges (a duplicate the ranges could not see), are read again whole by one task
 * each, exactly as a small file is, with data files of their own. The data files of those files and
 * of rejected ones are deleted, and the other landing files in them read again too. Those re-reads
 * are rare (quoted line breaks at a cut, a corrupt file, a duplicate across ranges) and make the
 * result the same as reading every file in one piece: counts, duplicates, line numbers and
 * rejections.
 */
final class BatchLoader implements BatchPipeline.Loader<BatchLoader.ReadBatch>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchLoader.class);

  /** Opening a file, counted as this many bytes when small files are packed into tasks. */
  private static final long OPEN_COST_BYTES = 4L << 20;

  /** The Spark local property that names a thread's fair-scheduler pool. */
  private static final String SCHEDULER_POOL = "spark.scheduler.pool";

  /** The pool of the commits and the reference files' reads (fairscheduler.xml). */
  private static final String SMALL_POOL = "ingest-small";

  private final SparkSession spark;
  private final TableCatalog catalog;
  private final JavaSparkContext context;
  private final FileIngestTask.Settings settings;
  // The settings travel to each executor once, not inside every task: deserialising them (the
  // Hadoop configuration's hundreds of entries, the geography) was 5 % of the demo's task time.
  private final Broadcast<FileIngestTask.Settings> sharedSettings;
  private final long splitBytes;
  private final long targetRowsPerFile;
  private final IngestSummary summary;
  private final BatchWriter writer;

  BatchLoader(
      SparkSession spark,
      TableCatalog catalog,
      FileIngestTask.Settings settings,
      long splitBytes,
      long targetRowsPerFile,
      IngestSummary summary) {
    this.spark = spark;
    this.catalog = catalog;
    this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.settings = settings;
    this.sharedSettings = context.broadcast(settings);
    this.splitBytes = splitBytes;
    this.targetRowsPerFile = targetRowsPerFile;
    this.summary = summary;
    this.writer = new BatchWriter(spark, catalog, settings, targetRowsPerFile);
  }

  /** The table a batch of one dataset writes (its writes keep batch order). */
  @Override
  public String table(List<LandingFile> files) {
    return IngestDataset.of(files.get(0).dataset()).table();
  }

  /**
   * The first half of a load: reads and validates the batch's files into the cache and decides
   * every file's outcome (reading again whole the files whose ranges cannot be trusted). Nothing is
   * written: {@link #write} does that, and may run while the next batch is read.
   */
  @Override
  public ReadBatch read(List<LandingFile> files) {
    LandingFile first = files.get(0);
    LandingFile last = files.get(files.size() - 1);
    IngestDataset dataset = IngestDataset.of(first.dataset());
    String label = label(dataset, files, first, last);
    SparkContext sc = spark.sparkContext();
    TaskMetrics metrics = TaskMetrics.register(sc);
    // The opening cost is never above the largest range, so that a small split-bytes cuts files.
    SplitPlanner planner =
        new SplitPlanner(
            splitBytes, Math.min(OPEN_COST_BYTES, splitBytes), sc.defaultParallelism());
    TableFileWriter.Spec table =
        TableFileWriter.prepare(
            spark,
            settings.hadoop().get(),
            catalog.path(dataset.table()),
            dataset,
            settings.runId(),
            targetRowsPerFile);

    long start = System.nanoTime();
    List<JavaRDD<InternalRow>> cached = new ArrayList<>();
    List<TableFileWriter.Written> written = new ArrayList<>();
    List<TableFileWriter.Written> dropped = new ArrayList<>();
    Progress progress = new Progress(label, files.size(), metrics);
    try {
      sc.setJobDescription(label + ": read, validate and write");
      if (!dataset.monthly()) {
        // A reference file (a few hundred rows) is read beside the monthly batches' reads rather
        // than after their last task, so that its commit is not left for the end of the run.
        sc.setLocalProperty(SCHEDULER_POOL, SMALL_POOL);
      }
      List<List<IngestSplit>> tasks = planner.plan(files);
      long ranges = tasks.stream().mapToLong(List::size).sum();
      LOG.info("{}: {} range(s) in {} task(s)", label, ranges, tasks.size());
      JavaRDD<InternalRow> firstRows = read(dataset, tasks, metrics, cached, table, false);
      Collected firstRead = collect(firstRows);
      Dataset<Row> envelope = frame(firstRows);
      written.addAll(firstRead.written());
      FileOutcomes outcomes = new FileOutcomes(files, firstRead.parts());
      Set<Integer> again = new TreeSet<>(outcomes.untrusted());
      if (outcomes.anyCut()) {
        sc.setJobDescription(label + ": keys repeated across ranges");
        again.addAll(RepeatedKeys.files(envelope, again));
      }
      again.addAll(sharingDataFiles(firstRead.written(), again, outcomes.rejected()));
      if (!again.isEmpty()) {
        LOG.info("{}: reading {} file(s) again whole", label, again.size());
        ranges += again.size();
        sc.setJobDescription(label + ": read again whole");
        JavaRDD<InternalRow> wholeRows =
            read(dataset, planner.planWhole(files, again), metrics, cached, table, true);
        Collected secondRead = collect(wholeRows);
        Dataset<Row> wholeReads = frame(wholeRows);
        outcomes = outcomes.replacedBy(again, secondRead.parts());
        written.removeIf(
            file -> file.files().stream().anyMatch(again::contains) && dropped.add(file));
        written.addAll(secondRead.written());
        envelope = envelope.filter(not(col(Envelope.FILE).isin(again.toArray()))).union(wholeReads);
      }
      Set<Integer> rejected = outcomes.rejected();
      written.removeIf(
          file -> file.files().stream().anyMatch(rejected::contains) && dropped.add(file));
      sc.setJobDescription(null);
      return new ReadBatch(
          dataset,
          label,
          files,
          outcomes,
          envelope,
          cached,
          written,
          dropped,
          metrics,
          ranges,
          again.size(),
          start,
          System.nanoTime());
    } catch (RuntimeException e) {
      cached.forEach(rdd -> rdd.unpersist(false));
      written.addAll(dropped);
      TableCommit.deleteQuietly(spark, catalog.path(dataset.table()), written);
      throw e;
    } finally {
      sc.setLocalProperty(SCHEDULER_POOL, null);
      progress.close();
    }
  }

  /**
   * The landing files to read again because a data file they share is dropped: whole small files
   * read by one task share data files, so when one of them is rejected or read again, the others in
   * its data files are read again too (files of their own then), and so on.
   */
  static Set<Integer> sharingDataFiles(
      List<TableFileWriter.Written> written, Set<Integer> again, Set<Integer> rejected) {
    Set<Integer> gone = new TreeSet<>(again);
    gone.addAll(rejected);
    Set<Integer> more = new TreeSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (TableFileWriter.Written file : written) {
        if (file.files().stream().anyMatch(gone::contains)) {
          for (int index : file.files()) {
            if (gone.add(index)) {
              more.add(index);
              grew = true;
            }
          }
        }
      }
    }
    return more;
  }

  /**
   * The second half of a load: writes the table and {@code quarantine} of a batch {@link #read}
   * returned (one commit each), frees its cache and returns its {@code ingest_log} rows. Batches
   * are written one at a time, in the order they were read.
   */
  @Override
  public List<Row> write(ReadBatch batch) {
    long start = System.nanoTime();
    List<Row> log = batch.outcomes().logRows(settings.runId(), settings.ingestedAt());
    try {
      // Beside other batches' reads: their queued tasks would hold this write's few back (FIFO).
      spark.sparkContext().setLocalProperty(SCHEDULER_POOL, SMALL_POOL);
      writer.write(batch, log);
    } finally {
      batch.cached().forEach(rdd -> rdd.unpersist(false));
      spark.sparkContext().setLocalProperty(SCHEDULER_POOL, null);
    }
    synchronized (summary) { // other tables' batches are written at the same time
      summary.addRanges(batch.ranges(), batch.readAgain());
      summary.add(log);
      summary.addTimes(
          batch.readStarted(),
          batch.readEnded(),
          start,
          System.nanoTime(),
          batch.metrics().parseNanos().value(),
          batch.metrics().validateNanos().value(),
          batch.metrics().fileTaskNanos().value());
      LOG.info(
          "{}: done in {} s; {}",
          batch.label(),
          String.format(
              Locale.ROOT,
              "%.1f",
              (batch.readEnded() - batch.readStarted() + System.nanoTime() - start) / 1e9),
          summary.progress());
    }
    return log;
  }

  /** Frees the cache of a batch read but not to be written, and deletes its data files. */
  @Override
  public void discard(ReadBatch batch) {
    batch.cached().forEach(rdd -> rdd.unpersist(false));
    String tableUri = catalog.path(batch.dataset().table());
    TableCommit.deleteQuietly(spark, tableUri, batch.written());
    TableCommit.deleteQuietly(spark, tableUri, batch.dropped());
  }

  /**
   * A batch read and validated, its rows in the cache, not yet written.
   *
   * @param cached the cached RDDs to free once written
   * @param written the data files the commit adds to the table
   * @param dropped data files written for landing files that were rejected, to delete
   * @param ranges byte ranges read (and files read again whole)
   * @param readNanos wall time of the read
   */
  record ReadBatch(
      IngestDataset dataset,
      String label,
      List<LandingFile> files,
      FileOutcomes outcomes,
      Dataset<Row> envelope,
      List<JavaRDD<InternalRow>> cached,
      List<TableFileWriter.Written> written,
      List<TableFileWriter.Written> dropped,
      TaskMetrics metrics,
      long ranges,
      long readAgain,
      long readStarted,
      long readEnded) {}

  private static String label(
      IngestDataset dataset, List<LandingFile> files, LandingFile first, LandingFile last) {
    String label = "ingest " + dataset.table();
    if (first.period() != null) {
      label +=
          " "
              + first.period()
              + (last.period().equals(first.period()) ? "" : ".." + last.period())
              + (files.size() == 1 ? "/" + first.provinceCode() : "");
    }
    return label + " (" + files.size() + (files.size() == 1 ? " file)" : " files)");
  }

  /**
   * The envelope rows of the planned tasks, cached as they come (compact binary rows;
   * MEMORY_AND_DISK). The accepted rows themselves are in the data files the tasks wrote; what is
   * cached is small: quarantined rows, outcomes, the files written and the key fingerprints of cut
   * files. Not Spark's columnar cache: building it cost more than the reads it served.
   */
  private JavaRDD<InternalRow> read(
      IngestDataset dataset,
      List<List<IngestSplit>> tasks,
      TaskMetrics metrics,
      List<JavaRDD<InternalRow>> cached,
      TableFileWriter.Spec table,
      boolean filesOfTheirOwn) {
    FileIngestTask task =
        new FileIngestTask(dataset, sharedSettings, metrics, table, filesOfTheirOwn);
    JavaRDD<InternalRow> rows =
        context
            .parallelize(tasks, Math.max(1, tasks.size()))
            .flatMap(task)
            .persist(StorageLevel.MEMORY_AND_DISK());
    cached.add(rows);
    return rows;
  }

  /**
   * The envelope rows as a DataFrame, for what is done with Spark SQL (the check across ranges, the
   * quarantine's write). internalCreateDataFrame is Spark's own way to a DataFrame over rows
   * already in its internal format (Scala package-private, public to Java):
   * createDataFrame(JavaRDD<Row>) would run the Row encoder over every row.
   */
  private Dataset<Row> frame(JavaRDD<InternalRow> rows) {
    return spark.internalCreateDataFrame(rows.rdd(), Envelope.SCHEMA, false);
  }

  /** Releases the settings sent to the executors (the run's last batch is written). */
  @Override
  public void close() {
    sharedSettings.destroy();
  }

  /** The outcome of every range and the data files written. */
  private record Collected(List<FileOutcomes.Part> parts, List<TableFileWriter.Written> written) {}

  /**
   * Collects the tiny rows of outcomes and files written; running it fills the cache. A plain RDD
   * job: a query (filter, select, collect) cost each batch an analysis, an optimisation and
   * generated code before its first task could start.
   */
  private static Collected collect(JavaRDD<InternalRow> rows) {
    List<FileOutcomes.Part> parts = new ArrayList<>();
    List<TableFileWriter.Written> written = new ArrayList<>();
    for (InternalRow row : rows.filter(BatchLoader::outcomeOrWritten).collect()) {
      if (row.getByte(0) == Envelope.PART_OUTCOME) {
        parts.add(FileOutcomes.Part.of(row));
      } else {
        written.add(TableFileWriter.Written.of(row));
      }
    }
    return new Collected(parts, written);
  }

  private static boolean outcomeOrWritten(InternalRow row) {
    byte kind = row.getByte(0);
    return kind == Envelope.PART_OUTCOME || kind == Envelope.FILE_WRITTEN;
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
}
