package vn.bhxh.pipeline.jobs.cli;

import picocli.CommandLine.Option;

/**
 * {@code [--warehouse DIR]}, for every command that reads or writes the tables: the warehouse root,
 * overriding {@code pipeline.warehouse}.
 */
public final class WarehouseOption {
  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Warehouse root (default: config).")
  private String warehouse;

  /** The root given on the command line, or null to keep the configuration's. */
  public String root() {
    return warehouse;
  }
}
