package vn.bhxh.pipeline.jobs.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import vn.bhxh.pipeline.common.catalog.TableCatalog;
import vn.bhxh.pipeline.common.config.ConfigLoader;
import vn.bhxh.pipeline.common.config.PipelineConfig;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.error.LockBusyException;
import vn.bhxh.pipeline.common.error.PipelineException;
import vn.bhxh.pipeline.common.run.RunContext;
import vn.bhxh.pipeline.common.run.RunResult;
import vn.bhxh.pipeline.common.spark.SparkSessionFactory;

/**
 * Runs one Spark job the same way for every command: load and validate the configuration (fail
 * fast), build the session, call the job, record the run in {@code runs}, and map the outcome to an
 * exit code with a one-line reason on stderr.
 */
public final class JobLauncher {
  /** Exit code of a run that completed (possibly with quarantined rows). */
  public static final int OK = 0;

  /** Exit code of a run that failed (input, data, or I/O). */
  public static final int FAILED = 1;

  /** Exit code of bad arguments or configuration, detected before any work. */
  public static final int BAD_CONFIGURATION = 2;

  /**
   * Exit code of a run that did not start because another run holds the warehouse lock (75,
   * EX_TEMPFAIL, as the cron line's {@code flock -E 75}): "skipped", not "failed", for schedulers.
   */
  public static final int BUSY = 75;

  private static final Logger LOG = LoggerFactory.getLogger(JobLauncher.class);

  /** The body of a command. */
  @FunctionalInterface
  public interface SparkJob {
    RunResult run(JobEnvironment environment);
  }

  /** The body of a command that needs no Spark session (generate). */
  @FunctionalInterface
  public interface LocalJob {
    RunResult run(PipelineConfig config);
  }

  /** Whether a run is recorded in the {@code runs} table (read-only commands are not). */
  public enum Recording {
    RECORD_RUN,
    READ_ONLY
  }

  private final String command;
  private final List<String> arguments;
  private final GlobalOptions global;
  private final PrintStream err;
  private final Clock clock;

  public JobLauncher(String command, List<String> arguments, GlobalOptions global) {
    this(command, arguments, global, System.err, Clock.systemUTC());
  }

  public JobLauncher(
      String command, List<String> arguments, GlobalOptions global, PrintStream err, Clock clock) {
    this.command = command;
    this.arguments = List.copyOf(arguments);
    this.global = global;
    this.err = err;
    this.clock = clock;
  }

  /**
   * A launcher for a command as parsed: its name, and as the arguments its run records its own
   * options (not the global ones) with the values given or defaulted.
   */
  public static JobLauncher forCommand(CommandSpec command, GlobalOptions global) {
    return new JobLauncher(command.name(), arguments(command), global);
  }

  /** A command's own options with their values as given or defaulted, in declaration order. */
  static List<String> arguments(CommandSpec command) {
    List<String> arguments = new ArrayList<>();
    for (OptionSpec option : command.options()) {
      if (option.inherited() || option.usageHelp() || option.versionHelp()) {
        continue;
      }
      List<String> values = option.originalStringValues();
      if (values.isEmpty() && option.defaultValue() != null) {
        values = List.of(option.defaultValue());
      }
      for (String value : values) {
        arguments.add(option.longestName());
        arguments.add(value);
      }
    }
    return arguments;
  }

  /** Loads the configuration with command-line locations applied; fails fast. */
  public PipelineConfig config(UnaryOperator<PipelineConfig> locations) {
    return locations.apply(ConfigLoader.load(global.configFile(), global.overrides()));
  }

  /** Runs a job and returns the exit code. */
  public int launch(UnaryOperator<PipelineConfig> locations, Recording recording, SparkJob job) {
    PipelineConfig config;
    try {
      config = config(locations);
    } catch (ConfigurationException e) {
      return fail(BAD_CONFIGURATION, e.getMessage());
    }
    RunContext run = RunContext.start(command, arguments, clock);
    SparkSession spark = SparkSessionFactory.create(config);
    TableCatalog catalog = TableCatalog.of(spark, config);
    spark
        .sparkContext()
        .setJobGroup(run.runId(), command + " " + String.join(" ", arguments), false);
    JobEnvironment environment = new JobEnvironment(config, spark, catalog, run);
    return execute(
        "run " + run.runId(),
        () -> {
          if (recording == Recording.RECORD_RUN) {
            RecordedRun.run(environment, job);
          } else {
            job.run(environment);
          }
        });
  }

  /**
   * Runs a job that needs no Spark session, with the same fail-fast configuration loading and exit
   * codes as {@link #launch}. It records no {@code runs} row: that would need a session (and the
   * warehouse) that the job otherwise never touches.
   */
  public int launchLocal(UnaryOperator<PipelineConfig> locations, LocalJob job) {
    PipelineConfig config;
    try {
      config = config(locations);
    } catch (ConfigurationException e) {
      return fail(BAD_CONFIGURATION, e.getMessage());
    }
    return execute("local run, no Spark session", () -> job.run(config));
  }

  /** Runs a job body and maps its outcome to an exit code (the run is recorded by the body). */
  private int execute(String what, Runnable body) {
    try {
      body.run();
      LOG.info("{} finished: {}", command, what);
      return OK;
    } catch (ConfigurationException e) {
      return fail(BAD_CONFIGURATION, e.getMessage());
    } catch (LockBusyException e) {
      // Not recorded in runs: nothing was attempted, and the holder's row tells what ran.
      return fail(BUSY, e.getMessage());
    } catch (PipelineException e) {
      return fail(FAILED, e.getMessage());
    } catch (Exception e) { // Scala code (Spark, Delta) throws checked exceptions undeclared
      LOG.error("{} failed unexpectedly", command, e);
      return fail(FAILED, RecordedRun.reason(e));
    }
  }

  /** Prints the one-line reason and returns the code. */
  public int fail(int code, String reason) {
    err.println(reason(command, reason));
    return code;
  }

  /** The line on stderr that tells why a command failed: {@code pipeline ingest: error: …}. */
  public static String reason(String command, String reason) {
    return "pipeline " + command + ": error: " + firstLine(reason);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    return message.strip().lines().findFirst().orElse("");
  }
}
