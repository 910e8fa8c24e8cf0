package vn.bhxh.pipeline.jobs.nightly;

import java.io.PrintStream;
import java.time.Duration;
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
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.DriverTableReader;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.indicators.IndicatorDefinition;
import vn.bhxh.pipeline.common.indicators.Measure;
import vn.bhxh.pipeline.common.landing.LandingFile;
import vn.bhxh.pipeline.common.landing.LandingZone;
import vn.bhxh.pipeline.common.nightly.ChangeDetector;
import vn.bhxh.pipeline.common.nightly.ChangeDetector.Changes;
import vn.bhxh.pipeline.common.nightly.FileChange;
import vn.bhxh.pipeline.common.nightly.IngestedFile;
import vn.bhxh.pipeline.common.nightly.InvalidationPlan;
import vn.bhxh.pipeline.common.nightly.InvalidationPlanner;
import vn.bhxh.pipeline.common.nightly.ListedFile;
import vn.bhxh.pipeline.common.nightly.LoggedSlice;
import vn.bhxh.pipeline.common.nightly.ReferenceChange;
import vn.bhxh.pipeline.common.nightly.RunLock;
import vn.bhxh.pipeline.common.nightly.Slice;
import vn.bhxh.pipeline.common.nightly.VerifiedContent;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.GeographyColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.ingest.IngestStep;
import vn.bhxh.pipeline.jobs.nightly.NightlyHistory.Previous;
import vn.bhxh.pipeline.jobs.report.ReportStep;
import vn.bhxh.pipeline.jobs.transform.TransformStep;
import vn.bhxh.pipeline.jobs.transform.ValidationStep;

/**
 * The {@code nightly} command (docs/nightly.md): under the warehouse lock, compares the landing
 * zone with {@code ingest_log}, ingests the new and changed files, plans the periods that depend on
 * what changed since the last completed nightly, recomputes their indicators and regenerates their
 * reports. The loading, computing and reporting are the steps the commands run too ({@link
 * IngestStep}, {@link TransformStep}, {@link ReportStep}); this job plans around them.
 *
 * <p>Convergence after a killed run: the plan is made from every monthly slice ingested since the
 * start of the last completed nightly (not only tonight's files) and from the reference tables as
 * they were when that nightly completed (their Delta versions are in its {@code runs} row), so a
 * run killed anywhere leaves nothing stale that the next run would not recompute. A night with
 * nothing new writes no table; the launcher appends its {@code runs} row.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);
  static final String COMMAND = "nightly";

  /** Keys of the {@code runs.details} of a nightly that the next nightly reads back. */
  static final String POPULATION_VERSION = "population_version";

  static final String TARGETS_VERSION = "targets_version";
  static final String GEOGRAPHY_VERSION = "geography_version";

  /**
   * Prefix of the {@code runs.details} keys recording the geography table's version that was found
   * (or made) equal to the project's geography ({@link VerifiedContent#toDetails}).
   */
  static final String GEOGRAPHY_VERIFIED = GeographyColumns.TABLE;

  private NightlyJob() {}

  /** Runs the nightly; the summary goes to {@code out}, the steps' own summaries to stderr. */
  public static RunResult run(JobEnvironment environment, PrintStream out) {
    PipelineConfig config = environment.config();
    SparkSession spark = environment.spark();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Steps steps = new Steps();
    // From the start of the run (before the Spark session was built) to here.
    steps.add(
        "session",
        Duration.between(environment.run().startedAt(), environment.run().clock().instant()));
    RunLock lock =
        RunLock.forWarehouse(
            environment.catalog().warehouse(),
            config.nightly().lock(),
            hadoop,
            environment.run().clock());
    try (RunLock.Handle handle = lock.acquire(environment.run().runId())) {
      steps.done("lock");
      return new Night(environment, handle, steps).run(out);
    }
  }

  /**
   * The datasets some year-to-date indicator of the catalogue (a {@code ytd} sum or a {@code
   * ytd-distinct} count) is computed from.
   */
  static Set<String> ytdDatasets(IndicatorCatalogue catalogue) {
    Set<String> datasets = new TreeSet<>();
    for (Measure measure : List.of(Measure.YTD, Measure.YTD_DISTINCT)) {
      for (IndicatorDefinition definition : catalogue.ofMeasure(measure)) {
        definition.of().flatMap(of -> catalogue.get(of).dataset()).ifPresent(datasets::add);
      }
    }
    return datasets;
  }

  /** Seconds per step, in order, for the summary and the {@code runs} row. */
  private static final class Steps {
    private final Map<String, Double> seconds = new LinkedHashMap<>();
    private long mark = System.nanoTime();

    void done(String step) {
      long now = System.nanoTime();
      seconds.merge(step, (now - mark) / 1e9, Double::sum);
      mark = now;
    }

    /** A step timed elsewhere. */
    void add(String step, Duration duration) {
      seconds.merge(step, duration.toNanos() / 1e9, Double::sum);
    }

    String line() {
      return seconds.entrySet().stream()
          .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.1f s", e.getValue()))
          .collect(Collectors.joining(", "));
    }

    void into(Map<String, String> details) {
      seconds.forEach(
          (step, s) -> details.put("seconds_" + step, String.format(Locale.ROOT, "%.1f", s)));
    }
  }

  /** One night's work, with the state the steps share. */
  private static final class Night {
    private final JobEnvironment environment;
    private final RunLock.Handle handle;
    private final Steps steps;
    private final SparkSession spark;
    private final TableCatalog catalog;
    private final PipelineConfig config;
    private final Configuration hadoop;
    private final NightlyHistory history;
    private final ReferenceTables references;

    Night(JobEnvironment environment, RunLock.Handle handle, Steps steps) {
      this.environment = environment;
      this.handle = handle;
      this.steps = steps;
      this.spark = environment.spark();
      this.catalog = environment.catalog();
      this.config = environment.config();
      this.hadoop = spark.sparkContext().hadoopConfiguration();
      this.history = new NightlyHistory(catalog, DriverTableReader.of(hadoop));
      this.references = new ReferenceTables(spark, catalog, this::describe);
    }

    RunResult run(PrintStream out) {
      Geography geography = Geography.load(config.geography());
      IndicatorCatalogue catalogue = IndicatorCatalogue.load(config.indicators().catalogue());
      Optional<Previous> previous = history.previousNightly();

      // 1. What changed in the landing zone.
      describe("list landing zone and compare with " + IngestLogColumns.TABLE);
      List<LandingFile> monthly =
          LandingZone.list(hadoop, config.landing(), geography, PeriodRange.ALL, Optional.empty());
      List<LandingFile> reference = LandingZone.listReference(hadoop, config.landing());
      Map<String, LandingFile> byPath = new LinkedHashMap<>();
      reference.forEach(f -> byPath.put(f.path(), f));
      monthly.forEach(f -> byPath.put(f.path(), f));
      List<Row> logRows = history.ingestLog();
      Changes changes =
          ChangeDetector.detect(
              byPath.values().stream()
                  .map(f -> new ListedFile(f.path(), f.sizeBytes(), f.modifiedAt()))
                  .toList(),
              IngestedFile.latestByPath(
                  logRows.stream().map(NightlyHistory::ingestedFile).toList()),
              path -> LandingZone.sha256(hadoop, byPath.get(path).uri()),
              config.nightly().verification());
      LOG.info("nightly: landing zone {}", changes.summary());
      steps.done("compare");

      // 2. Load them (the ingest step's own batches, validation and log rows).
      // In listing order (dataset, period, province): the order the ingest step batches them in.
      Set<String> toIngest =
          changes.toIngest().stream().map(FileChange::path).collect(Collectors.toSet());
      List<LandingFile> referenceToLoad =
          reference.stream().filter(f -> toIngest.contains(f.path())).toList();
      List<LandingFile> monthlyToLoad =
          monthly.stream().filter(f -> toIngest.contains(f.path())).toList();
      RunResult ingested = RunResult.of(0, 0, 0);
      if (!referenceToLoad.isEmpty() || !monthlyToLoad.isEmpty()) {
        handle.verify();
        IngestStep.Result loaded =
            IngestStep.open(environment).loadFiles(referenceToLoad, monthlyToLoad);
        loaded.print(System.err);
        ingested = loaded.runResult();
        logRows = history.ingestLog();
      }
      Map<String, String> previousDetails = previous.map(Previous::details).orElse(Map.of());
      ReferenceTables.GeographyCheck geographyCheck =
          references.writeGeographyIfChanged(geography, previousDetails, handle::verify);
      steps.done("ingest");

      // 3. Plan from everything not yet recomputed by a completed nightly.
      describe("plan");
      SortedSet<Period> present = new TreeSet<>();
      List<LoggedSlice> loggedSlices = new ArrayList<>();
      String previousRunId = previous.map(Previous::runId).orElse(null);
      for (Row row : logRows) {
        String period = row.getAs(IngestLogColumns.PERIOD);
        String province = row.getAs(IngestLogColumns.PROVINCE_CODE);
        if (period == null
            || province == null
            || !IngestLogColumns.STATUS_LOADED.equals(row.getAs(IngestLogColumns.STATUS))) {
          continue;
        }
        Period month = Period.parse(period);
        present.add(month);
        // The last completed nightly recomputed what it loaded itself.
        if (!row.<String>getAs(IngestLogColumns.RUN_ID).equals(previousRunId)) {
          loggedSlices.add(
              new LoggedSlice(
                  new Slice(row.getAs(IngestLogColumns.DATASET), month, province),
                  row.<java.sql.Timestamp>getAs(IngestLogColumns.INGESTED_AT).toInstant()));
        }
      }
      SortedSet<Slice> pending =
          LoggedSlice.ingestedSince(loggedSlices, previous.map(Previous::startedAt).orElse(null));
      Map<String, String> versions = new LinkedHashMap<>();
      SortedSet<ReferenceChange> referenceChanges =
          references.changes(previousDetails, present, versions);
      InvalidationPlan plan =
          InvalidationPlanner.plan(pending, referenceChanges, present, ytdDatasets(catalogue));
      LOG.info("nightly: {}", plan.summary());
      steps.done("plan");

      // 4. Recompute and report exactly the planned periods.
      int reportRanges = 0;
      Map<String, String> checks = Map.of();
      if (!plan.isEmpty()) {
        handle.verify();
        // Silver is read only for the months whose own data changed; a month recomputed for its
        // year-to-date or year-over-year columns takes its base values from indicators.
        checks =
            TransformStep.run(
                    environment, plan.periods(), plan.periodsFor(InvalidationPlan.Reason.BASE))
                .details();
        steps.done("transform");
        SortedSet<Period> reported = new TreeSet<>(plan.periods());
        reported.retainAll(present);
        if (!reported.isEmpty()) {
          handle.verify();
          // One report run for all planned months: its cost is mostly per run, not per month.
          ReportStep.run(environment, reported);
          reportRanges =
              (int)
                  plan.ranges().stream()
                      .filter(r -> reported.stream().anyMatch(r::contains))
                      .count();
        }
        steps.done("report");
      }

      Map<String, String> details = new LinkedHashMap<>();
      details.put("landing", changes.summary());
      details.put("files_loaded", Integer.toString(referenceToLoad.size() + monthlyToLoad.size()));
      details.put(
          "slices_pending",
          pending.size()
              + (pending.isEmpty() ? "" : " (" + NightlySummary.sliceSummary(pending) + ")"));
      details.put(
          "reference_changes",
          referenceChanges.stream()
              .map(ReferenceChange::toString)
              .collect(Collectors.joining(", ")));
      details.put("geography_written", Boolean.toString(geographyCheck.written()));
      details.putAll(plan.details());
      details.put("report_ranges", Integer.toString(reportRanges));
      for (String key : List.of(ValidationStep.ERRORS, ValidationStep.WARNINGS)) {
        if (checks.containsKey(key)) {
          details.put(key, checks.get(key));
        }
      }
      steps.into(details);
      details.putAll(versions);
      geographyCheck.verified().ifPresent(v -> details.putAll(v.toDetails(GEOGRAPHY_VERIFIED)));
      NightlySummary.print(
          out,
          environment.run().runId(),
          changes,
          referenceToLoad,
          monthlyToLoad,
          pending,
          referenceChanges,
          plan,
          details,
          steps.line());
      return new RunResult(
          ingested.rowsRead(), ingested.rowsWritten(), ingested.rowsQuarantined(), details);
    }

    private void describe(String step) {
      spark.sparkContext().setJobDescription(COMMAND + ": " + step);
    }
  }
}
