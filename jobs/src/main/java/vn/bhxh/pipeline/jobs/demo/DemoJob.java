package vn.bhxh.pipeline.jobs.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;
import vn.bhxh.pipeline.common.time.Period;
import vn.bhxh.pipeline.common.time.PeriodRange;
import vn.bhxh.pipeline.jobs.cli.JobEnvironment;
import vn.bhxh.pipeline.jobs.cli.RecordedRun;
import vn.bhxh.pipeline.jobs.generate.GenerateOptions;
import vn.bhxh.pipeline.jobs.generate.GenerateStep;
import vn.bhxh.pipeline.jobs.ingest.IngestOptions;
import vn.bhxh.pipeline.jobs.ingest.IngestStep;
import vn.bhxh.pipeline.jobs.report.ReportOptions;
import vn.bhxh.pipeline.jobs.report.ReportStep;
import vn.bhxh.pipeline.jobs.transform.TransformStep;

/**
 * The {@code demo} command: a whole national pipeline on synthetic data in one call. Generates the
 * landing zone, plants a few defects so that quarantine and completeness have something to show
 * (five bad rows in one participation file, one missing benefits file), then runs the ingest,
 * transform and report steps as their own commands would (each records its own {@code runs} row),
 * and prints a summary with national headline figures and where every output is.
 */
public final class DemoJob {
  private static final Logger LOG = LoggerFactory.getLogger(DemoJob.class);

  /** Marks a folder as made by the demo, so that a re-run may replace it and nothing else. */
  static final String MARKER = ".bhxh-demo";

  private DemoJob() {}

  /** Runs the demo; the environment's configuration points at the demo's folders. */
  public static RunResult run(JobEnvironment environment, DemoOptions options, PrintStream out) {
    long started = System.nanoTime();
    prepare(options.dir());
    Geography geography = Geography.load(environment.config().geography());

    RunResult generated =
        step(
            environment,
            "generate",
            e ->
                GenerateStep.run(
                    e.config(),
                    new GenerateOptions(
                        options.from(), options.to(), options.scale(), options.seed())));
    Defects defects = plantDefects(options, geography);
    RunResult ingested = step(environment, "ingest", DemoJob::ingest);
    RunResult transformed =
        step(environment, "transform", e -> TransformStep.run(e, PeriodRange.ALL));
    RunResult reported =
        step(environment, "report", e -> ReportStep.run(e, new ReportOptions(PeriodRange.ALL)));

    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    DemoSummary summary = DemoSummary.read(environment, options, defects);
    summary.print(out, options, elapsed, geography);

    Map<String, String> details = new LinkedHashMap<>();
    details.put("dir", options.dir().toString());
    details.put("periods", options.from() + ".." + options.to());
    details.put("seconds", Long.toString(elapsed.toSeconds()));
    details.put("rows_generated", Long.toString(generated.rowsWritten()));
    details.put("indicator_rows", Long.toString(transformed.rowsWritten()));
    details.put("report_rows", Long.toString(reported.rowsWritten()));
    return new RunResult(
        ingested.rowsRead(), ingested.rowsWritten(), ingested.rowsQuarantined(), details);
  }

  /** Ingests the whole landing zone; the ingest's summary goes to stderr. */
  private static RunResult ingest(JobEnvironment environment) {
    IngestStep.Result result = IngestStep.open(environment).loadLanding(IngestOptions.everything());
    result.print(System.err);
    return result.runResult();
  }

  /** Runs one step as its command would: own run id, own {@code runs} row. */
  private static RunResult step(
      JobEnvironment demo, String command, Function<JobEnvironment, RunResult> work) {
    RunContext run = RunContext.start(command, List.of("(demo)"), demo.run().clock());
    JobEnvironment environment =
        new JobEnvironment(demo.config(), demo.spark(), demo.catalog(), run);
    demo.spark().sparkContext().setJobGroup(run.runId(), "demo: " + command, false);
    LOG.info("demo: {}…", command);
    return RecordedRun.run(environment, work::apply);
  }

  /** Empties a previous demo folder (only one the demo made), or creates a new one. */
  static void prepare(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        boolean empty;
        try (Stream<Path> entries = Files.list(dir)) {
          empty = entries.findAny().isEmpty();
        }
        if (!empty && !Files.exists(dir.resolve(MARKER))) {
          throw new ConfigurationException(
              dir + " is not empty and was not made by the demo: choose another --dir");
        }
        for (String child : List.of("landing", "warehouse", "reports")) {
          deleteRecursively(dir.resolve(child));
        }
      }
      Files.createDirectories(dir);
      Files.writeString(
          dir.resolve(MARKER),
          "made by `pipeline demo`; a re-run replaces this folder's contents\n",
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new PipelineException("cannot prepare the demo folder " + dir + ": " + e, e);
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** What the demo broke on purpose, to show quarantine and completeness at work. */
  record Defects(Period period, String badRowsFile, int badRows, String missingFile) {}

  static Defects plantDefects(DemoOptions options, Geography geography) {
    Period period = options.from().plusMonths(15);
    if (period.isAfter(options.to())) {
      period = options.to();
    }
    List<Province> provinces = geography.provincesIn(period);
    String first = provinces.get(0).code();
    String last = provinces.get(provinces.size() - 1).code();
    String badRowsFile = ParticipationColumns.DATASET + "/" + period + "/" + first + ".csv";
    String missingFile = BenefitsColumns.DATASET + "/" + period + "/" + last + ".csv";
    String p = period.toString();
    String wrongPeriod = period.plusMonths(-1).toString();
    // Columns in the contract's order, the order the generator writes.
    List<String> rows =
        List.of(
            String.join(
                ",", p, first, "001", "0987654321", "SI_PRIVATE", "", "0100000001", "M", "1980"),
            String.join(",", p, first, "001", "0987654322", "HI", "", "", "F", "1975"),
            String.join(",", p, first, "001", "12345", "HI", "HOUSEHOLD", "", "F", "1990"),
            String.join(
                ",", wrongPeriod, first, "001", "0987654323", "UI", "", "0100000001", "M", "1985"),
            String.join(",", p, first, "001", "0987654324", "HI", "OTHER", "", "X", "1850"));
    try {
      Path landing = options.landing();
      Files.writeString(
          landing.resolve(badRowsFile),
          String.join("\n", rows) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
      Files.delete(landing.resolve(missingFile));
    } catch (IOException e) {
      throw new PipelineException("cannot plant the demo's defects: " + e, e);
    }
    return new Defects(period, badRowsFile, rows.size(), missingFile);
  }
}
