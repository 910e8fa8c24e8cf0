package vn.bhxh.pipeline.jobs.cli;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every command takes (CONTRACT §2), before or after the command name. */
public final class GlobalOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "A HOCON file layered over the defaults and the environment overlay.")
  File configFile;

  @Option(
      names = "--conf",
      paramLabel = "KEY=VALUE",
      scope = ScopeType.INHERIT,
      description =
          "Override one setting (repeatable; wins over files): pipeline.* keys, or spark.* settings.")
  List<String> overrides = new ArrayList<>();

  public Optional<File> configFile() {
    return Optional.ofNullable(configFile);
  }

  public List<String> overrides() {
    return List.copyOf(overrides);
  }
}
