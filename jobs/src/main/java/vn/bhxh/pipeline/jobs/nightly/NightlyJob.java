package vn.bhxh.pipeline.jobs.nightly;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.catalog.DriverTableReader;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.catalog.TableVersion;
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
import vn.bhxh.pipeline.common.schema.CommonColumns;
import vn.bhxh.pipeline.common.schema.GeographyColumns;
import vn.bhxh.pipeline.common.schema.IngestLogColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.schema.RunsColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.ingest.GeographyTable;
import vn.bhxh.pipeline.jobs.ingest.IngestJob;
import vn.bhxh.pipeline.jobs.report.ReportJob;
import vn.bhxh.pipeline.jobs.transform.TransformJob;
import vn.bhxh.pipeline.jobs.transform.ValidationStep;

/**
 * The {@code nightly} command (docs/nightly.md): under the warehouse lock, compares the landing
 * zone with {@code ingest_log}, ingests the new and changed files, plans the periods that depend on
 * what changed since the last completed nightly, recomputes their indicators and regenerates their
 * reports.
 *
 * <p>Convergence after a killed run: the plan is made from every monthly slice ingested since the
 * start of the last completed nightly (not only tonight's files) and from the reference tables as
 * they were when that nightly completed (their Delta versions are in its {@code runs} row), so a
 * run killed anywhere leaves nothing stale that the next run would not recompute. A night with
 * nothing new writes no table; the launcher appends its {@code runs} row.
 */
public final class NightlyJob {
  private static final Logger LOG = LoggerFactory.getLogger(NightlyJob.class);
  private static final String COMMAND = "nightly";

  /** Keys of the {@code runs.details} of a nightly that the next nightly reads back. */
  static final String POPULATION_VERSION = "population_version";

  static final String TARGETS_VERSION = "targets_version";
  static final String GEOGRAPHY_VERSION = "geography_version";

  /**
   * Prefix of the {@code runs.details} keys recording the geography table's version that was found
   * (or made) equal to the project's geography ({@link VerifiedContent#toDetails}).
   */
  static final String GEOGRAPHY_VERIFIED = GeographyColumns.TABLE;

  /** The reference tables whose changes invalidate years, each with its version key. */
  private static final Map<ReferenceChange.Kind, String> VERSION_KEYS =
      Map.of(
          ReferenceChange.Kind.POPULATION, POPULATION_VERSION,
          ReferenceChange.Kind.TARGETS, TARGETS_VERSION,
          ReferenceChange.Kind.GEOGRAPHY, GEOGRAPHY_VERSION);

  private static final String YEAR_KEY = "year_key";

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

  /** The last nightly that completed: its start, run id and the details it recorded. */
  private record Previous(Instant startedAt, String runId, Map<String, String> details) {}

  /**
   * Whether the {@code geography} table was rewritten, and what this run proved it holds (for the
   * next run's {@link VerifiedContent#vouchesFor}); empty when it cannot tell.
   */
  private record GeographyCheck(boolean written, Optional<VerifiedContent> verified) {}

  /** One night's work, with the state the steps share. */
  private static final class Night {
    private final JobEnvironment environment;
    private final RunLock.Handle handle;
    private final Steps steps;
    private final SparkSession spark;
    private final TableCatalog catalog;
    private final PipelineConfig config;
    private final Configuration hadoop;
    private final DriverTableReader reader;

    Night(JobEnvironment environment, RunLock.Handle handle, Steps steps) {
      this.environment = environment;
      this.handle = handle;
      this.steps = steps;
      this.spark = environment.spark();
      this.catalog = environment.catalog();
      this.config = environment.config();
      this.hadoop = spark.sparkContext().hadoopConfiguration();
      this.reader = DriverTableReader.of(hadoop);
    }

    RunResult run(PrintStream out) {
      Geography geography = Geography.load(config.geography());
      IndicatorCatalogue catalogue = IndicatorCatalogue.load(config.indicators().catalogue());
      Optional<Previous> previous = previousNightly();

      // 1. What changed in the landing zone.
      describe("list landing zone and compare with " + IngestLogColumns.TABLE);
      List<LandingFile> monthly =
          LandingZone.list(hadoop, config.landing(), geography, PeriodRange.ALL, Optional.empty());
      List<LandingFile> reference = LandingZone.listReference(hadoop, config.landing());
      Map<String, LandingFile> byPath = new LinkedHashMap<>();
      reference.forEach(f -> byPath.put(f.path(), f));
      monthly.forEach(f -> byPath.put(f.path(), f));
      List<Row> logRows = ingestLog();
      Changes changes =
          ChangeDetector.detect(
              byPath.values().stream()
                  .map(f -> new ListedFile(f.path(), f.sizeBytes(), f.modifiedAt()))
                  .toList(),
              IngestedFile.latestByPath(logRows.stream().map(NightlyJob::ingestedFile).toList()),
              path -> LandingZone.sha256(hadoop, byPath.get(path).uri()),
              config.nightly().verification());
      LOG.info("nightly: landing zone {}", changes.summary());
      steps.done("compare");

      // 2. Load them (the ingest job's own batches, validation and log rows).
      // In listing order (dataset, period, province): the order the ingest job batches them in.
      Set<String> toIngest =
          changes.toIngest().stream().map(FileChange::path).collect(Collectors.toSet());
      List<LandingFile> referenceToLoad =
          reference.stream().filter(f -> toIngest.contains(f.path())).toList();
      List<LandingFile> monthlyToLoad =
          monthly.stream().filter(f -> toIngest.contains(f.path())).toList();
      RunResult ingested = RunResult.of(0, 0, 0);
      if (!referenceToLoad.isEmpty() || !monthlyToLoad.isEmpty()) {
        handle.verify();
        ingested = IngestJob.runFiles(environment, referenceToLoad, monthlyToLoad, System.err);
        logRows = ingestLog();
      }
      GeographyCheck geographyCheck = writeGeographyIfChanged(geography, previous);
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
      SortedSet<ReferenceChange> referenceChanges = referenceChanges(previous, present, versions);
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
            TransformJob.run(
                    environment, plan.periods(), plan.periodsFor(InvalidationPlan.Reason.BASE))
                .details();
        steps.done("transform");
        SortedSet<Period> reported = new TreeSet<>(plan.periods());
        reported.retainAll(present);
        if (!reported.isEmpty()) {
          handle.verify();
          // One report run for all planned months: its cost is mostly per run, not per month.
          ReportJob.run(environment, reported);
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
          pending.size() + (pending.isEmpty() ? "" : " (" + sliceSummary(pending) + ")"));
      details.put(
          "reference_changes",
          referenceChanges.stream().map(ReferenceChange::toString).collect(joining()));
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
      print(out, changes, referenceToLoad, monthlyToLoad, pending, referenceChanges, plan, details);
      return new RunResult(
          ingested.rowsRead(), ingested.rowsWritten(), ingested.rowsQuarantined(), details);
    }

    private void print(
        PrintStream out,
        Changes changes,
        List<LandingFile> referenceLoaded,
        List<LandingFile> monthlyLoaded,
        SortedSet<Slice> pending,
        SortedSet<ReferenceChange> referenceChanges,
        InvalidationPlan plan,
        Map<String, String> details) {
      out.println("nightly " + environment.run().runId());
      out.println("  landing zone:  " + changes.summary());
      if (!changes.missing().isEmpty()) {
        out.println(
            "  missing:       "
                + changes.missing().size()
                + " logged file(s) no longer in the landing zone (their rows are kept)");
      }
      out.println(
          "  loaded:        "
              + (referenceLoaded.size() + monthlyLoaded.size())
              + " file(s)"
              + (referenceLoaded.isEmpty()
                  ? ""
                  : " incl. "
                      + referenceLoaded.stream().map(LandingFile::path).collect(joining())));
      out.println(
          "  slices:        "
              + (pending.isEmpty() ? "none pending" : pending.size() + " pending")
              + (pending.isEmpty() ? "" : " (" + sliceSummary(pending) + ")"));
      out.println(
          "  reference:     "
              + (referenceChanges.isEmpty()
                  ? "unchanged"
                  : referenceChanges.stream().map(ReferenceChange::toString).collect(joining())));
      out.println("  recomputed:    " + plan.summary());
      if (details.containsKey(ValidationStep.ERRORS)) {
        out.println("  checks:        " + ValidationStep.summary(details));
      }
      out.println("  steps:         " + steps.line());
      if (plan.isEmpty() && referenceLoaded.isEmpty() && monthlyLoaded.isEmpty()) {
        out.println("  nothing new: no table written but runs");
      }
      out.flush();
    }

    /** Per dataset: how many slices, e.g. {@code contributions 3, participation 1}. */
    private static String sliceSummary(SortedSet<Slice> slices) {
      Map<String, Long> counts =
          slices.stream()
              .collect(Collectors.groupingBy(Slice::dataset, TreeMap::new, Collectors.counting()));
      return counts.entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue())
          .collect(joining());
    }

    private static java.util.stream.Collector<CharSequence, ?, String> joining() {
      return Collectors.joining(", ");
    }

    private void describe(String step) {
      spark.sparkContext().setJobDescription(COMMAND + ": " + step);
    }

    /**
     * The last nightly that completed, from {@code runs}: its row, to drive the plan. Read on the
     * driver ({@link DriverTableReader}): the files of other commands are skipped by their
     * statistics.
     */
    private Optional<Previous> previousNightly() {
      List<Row> rows =
          reader.read(
              catalog.path(RunsColumns.TABLE),
              select(
                  RunsColumns.TABLE_SCHEMA,
                  RunsColumns.COMMAND,
                  RunsColumns.STATUS,
                  RunsColumns.STARTED_AT,
                  RunsColumns.RUN_ID,
                  RunsColumns.DETAILS),
              Map.of(
                  RunsColumns.COMMAND, COMMAND, RunsColumns.STATUS, RunsColumns.STATUS_SUCCEEDED));
      return rows.stream()
          .max(Comparator.comparing((Row row) -> row.<Timestamp>getAs(RunsColumns.STARTED_AT)))
          .map(
              row -> {
                int at = row.fieldIndex(RunsColumns.DETAILS);
                Map<String, String> details =
                    row.isNullAt(at) ? Map.of() : row.<String, String>getJavaMap(at);
                return new Previous(
                    row.<Timestamp>getAs(RunsColumns.STARTED_AT).toInstant(),
                    row.getAs(RunsColumns.RUN_ID),
                    new LinkedHashMap<>(details));
              });
    }

    /**
     * The {@code ingest_log} rows: one per file ingestion, tiny metadata (a few thousand rows a
     * year nationally) that the comparison and the plan need on the driver, read there ({@link
     * DriverTableReader}). A log written before {@code modified_at} existed reads it as null: every
     * same-size file is then checksummed once.
     */
    private List<Row> ingestLog() {
      return reader.read(
          catalog.path(IngestLogColumns.TABLE),
          select(
              IngestLogColumns.TABLE_SCHEMA,
              IngestLogColumns.PATH,
              IngestLogColumns.SIZE_BYTES,
              IngestLogColumns.CHECKSUM,
              IngestLogColumns.STATUS,
              IngestLogColumns.INGESTED_AT,
              IngestLogColumns.MODIFIED_AT,
              IngestLogColumns.DATASET,
              IngestLogColumns.PERIOD,
              IngestLogColumns.PROVINCE_CODE,
              IngestLogColumns.RUN_ID),
          Map.of());
    }

    /**
     * Rewrites {@code geography} only when the project's geography differs from the table: a quiet
     * night writes nothing. It reads nothing either when the last completed nightly recorded that
     * the table, still at the same version, holds a geography with the same fingerprint ({@link
     * VerifiedContent}); otherwise it reads the table at its current version (about a hundred rows)
     * and compares fingerprints on the driver.
     */
    private GeographyCheck writeGeographyIfChanged(
        Geography geography, Optional<Previous> previous) {
      String wanted =
          VerifiedContent.fingerprint(
              Arrays.asList(GeographyColumns.TABLE_SCHEMA.fieldNames()),
              GeographyTable.rows(geography));
      Optional<TableVersion> before = catalog.version(GeographyColumns.TABLE);
      if (before.isPresent()) {
        TableVersion now = before.get();
        boolean vouched =
            previous
                .flatMap(p -> VerifiedContent.fromDetails(p.details(), GEOGRAPHY_VERIFIED))
                .map(verified -> verified.vouchesFor(now, wanted))
                .orElse(false);
        if (vouched || storedFingerprint(now).equals(wanted)) {
          return new GeographyCheck(false, Optional.of(new VerifiedContent(now, wanted)));
        }
      }
      handle.verify();
      IngestJob.writeGeography(spark, catalog, geography);
      Optional<VerifiedContent> verified =
          VerifiedContent.ofWrite(before, catalog.version(GeographyColumns.TABLE), wanted);
      return new GeographyCheck(true, verified);
    }

    /** The fingerprint of the {@code geography} table's rows at a version. */
    private String storedFingerprint(TableVersion version) {
      describe("compare " + GeographyColumns.TABLE + " version " + version.version());
      Dataset<Row> stored =
          spark
              .read()
              .format("delta")
              .option("versionAsOf", version.version())
              .load(catalog.path(GeographyColumns.TABLE));
      return VerifiedContent.fingerprint(Arrays.asList(stored.columns()), stored.collectAsList());
    }

    /**
     * The reference years that differ between the reference tables as the last completed nightly
     * left them (versions in its {@code runs} row) and now; records the versions seen now in {@code
     * versions}. Geography is compared as a whole and then touches every year with data.
     */
    private SortedSet<ReferenceChange> referenceChanges(
        Optional<Previous> previous, SortedSet<Period> present, Map<String, String> versions) {
      SortedSet<ReferenceChange> changes = new TreeSet<>();
      Set<Integer> presentYears =
          present.stream().map(Period::year).collect(Collectors.toCollection(TreeSet::new));
      for (ReferenceChange.Kind kind : ReferenceChange.Kind.values()) {
        String table = tableOf(kind);
        String key = VERSION_KEYS.get(kind);
        Optional<Long> now = version(table);
        now.ifPresent(v -> versions.put(key, Long.toString(v)));
        Optional<Long> before =
            previous.map(p -> p.details().get(key)).filter(v -> v != null).map(Long::parseLong);
        if (before.equals(now)) {
          continue;
        }
        describe("compare " + table + " with version " + before.map(String::valueOf).orElse("-"));
        Map<Integer, String> after = now.map(v -> fingerprints(kind, v)).orElse(Map.of());
        Map<Integer, String> earlier = before.map(v -> fingerprints(kind, v)).orElse(Map.of());
        for (ReferenceChange change : ReferenceChange.changedYears(kind, earlier, after)) {
          if (kind == ReferenceChange.Kind.GEOGRAPHY) {
            presentYears.forEach(year -> changes.add(new ReferenceChange(kind, year)));
          } else {
            changes.add(change);
          }
        }
      }
      return changes;
    }

    /** These columns of a table schema, in this order. */
    private static StructType select(StructType schema, String... columns) {
      StructType selected = new StructType();
      for (String column : columns) {
        selected = selected.add(schema.apply(column));
      }
      return selected;
    }

    private static String tableOf(ReferenceChange.Kind kind) {
      return switch (kind) {
        case POPULATION -> PopulationColumns.TABLE;
        case TARGETS -> TargetsColumns.TABLE;
        case GEOGRAPHY -> GeographyColumns.TABLE;
      };
    }

    /** The latest Delta version of a table, from its log; empty when it does not exist. */
    private Optional<Long> version(String table) {
      return catalog.version(table).map(TableVersion::version);
    }

    /**
     * A fingerprint per year of a reference table at a version (its rows without lineage, sorted
     * and hashed); geography, which has no year, under one key. A handful of rows collected.
     */
    private Map<Integer, String> fingerprints(ReferenceChange.Kind kind, long version) {
      String table = tableOf(kind);
      Dataset<Row> rows =
          spark
              .read()
              .format("delta")
              .option("versionAsOf", version)
              .load(catalog.path(table))
              .drop(CommonColumns.RUN_ID);
      Column json =
          to_json(struct(Arrays.stream(rows.columns()).map(c -> col(c)).toArray(Column[]::new)));
      Column year =
          kind == ReferenceChange.Kind.GEOGRAPHY
              ? lit(0)
              : col(
                  kind == ReferenceChange.Kind.POPULATION
                      ? PopulationColumns.YEAR
                      : TargetsColumns.YEAR);
      Map<Integer, String> result = new TreeMap<>();
      for (Row row :
          rows.groupBy(year.as(YEAR_KEY))
              .agg(sha2(concat_ws("\n", sort_array(collect_list(json))), 256))
              .collectAsList()) {
        result.put(row.getInt(0), row.getString(1));
      }
      return result;
    }
  }

  private static IngestedFile ingestedFile(Row row) {
    java.sql.Timestamp modified = row.getAs(IngestLogColumns.MODIFIED_AT);
    return new IngestedFile(
        row.getAs(IngestLogColumns.PATH),
        row.<Long>getAs(IngestLogColumns.SIZE_BYTES),
        row.getAs(IngestLogColumns.CHECKSUM),
        row.getAs(IngestLogColumns.STATUS),
        row.<java.sql.Timestamp>getAs(IngestLogColumns.INGESTED_AT).toInstant(),
        modified == null ? null : modified.toInstant());
  }
}
