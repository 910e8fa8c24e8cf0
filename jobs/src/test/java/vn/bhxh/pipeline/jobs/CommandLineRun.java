package vn.bhxh.pipeline.jobs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of the command line as {@code bin/pipeline} makes it ({@link Main#run}), with its exit
 * code and what it printed on stderr.
 */
public record CommandLineRun(int exitCode, String stderr) {

  /** Runs the command line, capturing stderr. */
  public static CommandLineRun of(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int exitCode = Main.run(args);
      return new CommandLineRun(exitCode, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
  }
}
