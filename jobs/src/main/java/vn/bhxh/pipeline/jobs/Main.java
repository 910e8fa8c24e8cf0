package vn.bhxh.pipeline.jobs;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.jobs.cli.GlobalOptions;
import vn.bhxh.pipeline.jobs.cli.JobLauncher;
import vn.bhxh.pipeline.jobs.demo.DemoCommand;
import vn.bhxh.pipeline.jobs.generate.GenerateCommand;
import vn.bhxh.pipeline.jobs.ingest.IngestCommand;
import vn.bhxh.pipeline.jobs.maintain.MaintainCommand;
import vn.bhxh.pipeline.jobs.nightly.NightlyCommand;
import vn.bhxh.pipeline.jobs.publish.PublishCommand;
import vn.bhxh.pipeline.jobs.report.ReportCommand;
import vn.bhxh.pipeline.jobs.serve.ServeCommand;
import vn.bhxh.pipeline.jobs.sql.SqlCommand;
import vn.bhxh.pipeline.jobs.transform.TransformCommand;

/**
 * The command line of the pipeline (CONTRACT §2): {@code pipeline [--config FILE] [--conf k=v]…
 * COMMAND …}. The only place that calls {@link System#exit}.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    version = "bhxh-pipeline 0.1.0",
    description = "Social-insurance analytics pipeline on Spark and Delta Lake.",
    subcommands = {
      GenerateCommand.class,
      IngestCommand.class,
      TransformCommand.class,
      ReportCommand.class,
      SqlCommand.class,
      ServeCommand.class,
      NightlyCommand.class,
      MaintainCommand.class,
      PublishCommand.class,
      DemoCommand.class
    })
public final class Main implements Callable<Integer> {
  @Mixin GlobalOptions global;

  /** The global options, wherever they stood on the command line (they are inherited). */
  public GlobalOptions global() {
    return global;
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.err);
    return JobLauncher.BAD_CONFIGURATION;
  }

  /** Runs the command line and returns the exit code (for tests and {@link #main}). */
  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setParameterExceptionHandler(
        (ex, arguments) -> {
          ex.getCommandLine().getErr().println("pipeline: error: " + ex.getMessage());
          ex.getCommandLine()
              .getErr()
              .println(
                  "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return JobLauncher.BAD_CONFIGURATION;
        });
    // Options that parse but do not fit together (--from after --to, a bad --province) are refused
    // by a command's typed options before any work: exit 2 and one line, as for a bad setting.
    commandLine.setExecutionExceptionHandler(
        (ex, command, parseResult) -> {
          if (ex instanceof ConfigurationException) {
            command.getErr().println(JobLauncher.reason(command.getCommandName(), ex.getMessage()));
            return JobLauncher.BAD_CONFIGURATION;
          }
          throw ex;
        });
    return commandLine.execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
