package vn.bhxh.pipeline.jobs.cli;

import picocli.CommandLine.Option;

/**
 * {@code [--landing DIR]}, for the commands that read the landing zone: its root, overriding {@code
 * pipeline.landing}. ({@code generate}, which writes a landing zone and only to a local folder, has
 * its own.)
 */
public final class LandingOption {
  @Option(names = "--landing", paramLabel = "DIR", description = "Landing root (default: config).")
  private String landing;

  /** The root given on the command line, or null to keep the configuration's. */
  public String root() {
    return landing;
  }
}
