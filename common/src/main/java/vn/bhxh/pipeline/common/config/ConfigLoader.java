package vn.bhxh.pipeline.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.bhxh.pipeline.common.error.ConfigurationException;

/**
 * Loads the pipeline configuration once, in one documented order (lowest first):
 *
 * <ol>
 *   <li>{@code reference.conf}: every key with its default;
 *   <li>{@code conf/<env>.conf}: the environment overlay, where {@code env} is {@code pipeline.env}
 *       as set by the layers above it, else {@code PIPELINE_ENV}, else {@code local};
 *   <li>{@code --config FILE}, or {@code -Dconfig.file=FILE} (the spark-submit convention);
 *   <li>{@code -Dpipeline.*} system properties;
 *   <li>{@code --conf key=value} overrides, in command-line order.
 * </ol>
 *
 * <p>Keys starting with {@code spark.} in the overrides are Spark settings, moved under {@code
 * pipeline.spark.settings}. Every failure is a {@link ConfigurationException} with one line that
 * names the bad key or file.
 */
public final class ConfigLoader {
  private static final String ROOT = "pipeline";
  private static final String SPARK_SETTINGS = "pipeline.spark.settings";

  private ConfigLoader() {}

  /** Loads and validates the configuration. */
  public static PipelineConfig load(Optional<File> configFile, List<String> overrides) {
    return PipelineConfig.from(loadRaw(configFile, overrides));
  }

  /** Loads with defaults only (plus the overlay of the environment), for tests and tools. */
  public static PipelineConfig defaults() {
    return load(Optional.empty(), List.of());
  }

  /** Loads the merged, resolved and checked {@link Config} tree (not yet typed). */
  public static Config loadRaw(Optional<File> configFile, List<String> overrides) {
    ClassLoader loader = ConfigLoader.class.getClassLoader();
    Config reference = ConfigFactory.parseResources(loader, "reference.conf", required());
    Config overrideLayer = parseOverrides(overrides);
    Config systemLayer = pipelineSystemProperties();
    Optional<File> file = configFile.or(ConfigLoader::systemConfigFile);
    Config fileLayer = file.map(ConfigLoader::parseFile).orElse(ConfigFactory.empty());

    Config aboveOverlay = overrideLayer.withFallback(systemLayer).withFallback(fileLayer);
    String env = environment(aboveOverlay);
    Config overlay = ConfigFactory.parseResources(loader, "conf/" + env + ".conf", optional());
    if (overlay.isEmpty() && !env.equals("local")) {
      throw new ConfigurationException(
          "pipeline.env = '"
              + env
              + "' has no overlay conf/"
              + env
              + ".conf (use local or cluster)");
    }
    Config merged =
        aboveOverlay
            .withFallback(overlay)
            .withFallback(reference)
            .withFallback(ConfigFactory.systemProperties())
            .withFallback(ConfigFactory.systemEnvironment());
    try {
      Config resolved = merged.resolve();
      Config defaults = reference.withFallback(ConfigFactory.systemProperties()).resolve();
      rejectUnknownKeys(resolved.getConfig(ROOT), defaults.getConfig(ROOT));
      resolved.checkValid(defaults, ROOT);
      return resolved.getConfig(ROOT).atPath(ROOT);
    } catch (ConfigException e) {
      throw new ConfigurationException("bad configuration: " + oneLine(e), e);
    }
  }

  /** The defaults ship in the jar: their absence is a broken build, not an empty layer. */
  private static ConfigParseOptions required() {
    return ConfigParseOptions.defaults().setAllowMissing(false);
  }

  /** An environment overlay may be absent (checked just after, with a clear message). */
  private static ConfigParseOptions optional() {
    return ConfigParseOptions.defaults().setAllowMissing(true);
  }

  private static Optional<File> systemConfigFile() {
    return Optional.ofNullable(System.getProperty("config.file")).map(File::new);
  }

  private static Config parseFile(File file) {
    if (!file.isFile()) {
      throw new ConfigurationException("configuration file not found: " + file);
    }
    try {
      return ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (ConfigException e) {
      throw new ConfigurationException("cannot read configuration file: " + oneLine(e), e);
    }
  }

  private static String environment(Config layers) {
    if (layers.hasPath("pipeline.env")) {
      return layers.getString("pipeline.env");
    }
    String fromEnvironment = System.getenv("PIPELINE_ENV");
    return fromEnvironment == null || fromEnvironment.isBlank() ? "local" : fromEnvironment;
  }

  private static Config pipelineSystemProperties() {
    Config properties = ConfigFactory.systemProperties();
    return properties.hasPath(ROOT)
        ? properties.getConfig(ROOT).atPath(ROOT)
        : ConfigFactory.empty();
  }

  /** Parses {@code key=value} overrides; values are HOCON values (numbers, booleans, strings). */
  static Config parseOverrides(List<String> overrides) {
    Map<String, Object> sparkSettings = new LinkedHashMap<>();
    Config result = ConfigFactory.empty();
    List<String> reversed = new ArrayList<>(overrides);
    java.util.Collections.reverse(reversed); // the last occurrence of a key wins
    for (String override : reversed) {
      int equals = override.indexOf('=');
      if (equals <= 0) {
        throw new ConfigurationException("--conf expects key=value, got '" + override + "'");
      }
      String key = override.substring(0, equals).trim();
      String value = override.substring(equals + 1).trim();
      if (key.startsWith("spark.")) {
        sparkSettings.putIfAbsent(key, value);
        continue;
      }
      if (!key.startsWith(ROOT + ".")) {
        throw new ConfigurationException(
            "--conf key '" + key + "' is neither a pipeline.* key nor a spark.* setting");
      }
      Config single;
      try {
        single = ConfigFactory.parseString(key + " = " + quoteIfNeeded(value));
      } catch (ConfigException e) {
        throw new ConfigurationException("--conf " + override + ": " + oneLine(e), e);
      }
      result = result.withFallback(single);
    }
    for (Map.Entry<String, Object> setting : sparkSettings.entrySet()) {
      result =
          result.withValue(
              SPARK_SETTINGS + ".\"" + setting.getKey() + "\"",
              ConfigValueFactory.fromAnyRef(setting.getValue()));
    }
    return result;
  }

  private static String quoteIfNeeded(String value) {
    if (value.isEmpty()) {
      return "\"\"";
    }
    boolean plain =
        value.matches("-?\\d+(\\.\\d+)?|true|false|null")
            || value.startsWith("[")
            || value.startsWith("{")
            || value.startsWith("\"");
    return plain ? value : ConfigValueFactory.fromAnyRef(value).render();
  }

  private static void rejectUnknownKeys(Config actual, Config reference) {
    Set<String> unknown = new TreeSet<>();
    actual
        .entrySet()
        .forEach(
            entry -> {
              String key = entry.getKey();
              if (key.startsWith("spark.settings.")) {
                return;
              }
              if (!reference.hasPathOrNull(key)) {
                unknown.add(ROOT + "." + key);
              }
            });
    if (!unknown.isEmpty()) {
      throw new ConfigurationException(
          "unknown configuration key"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + " (see reference.conf for the keys there are)");
    }
  }

  /** Typesafe messages name the origin and key; keep them on one line. */
  static String oneLine(ConfigException e) {
    return e.getMessage().replaceAll("\\s+", " ").trim();
  }
}
