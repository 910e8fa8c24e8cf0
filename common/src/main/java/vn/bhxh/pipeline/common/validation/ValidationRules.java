package vn.bhxh.pipeline.common.validation;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.io.Serializable;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.bhxh.pipeline.common.config.ValidationSettings;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.indicators.IndicatorCatalogue;
import vn.bhxh.pipeline.common.schema.IndicatorColumns;

/**
 * The validation rules, read from a HOCON file (a list under {@code rules}) and checked once at
 * start-up against the indicator catalogue. Any mistake (unknown key, an indicator the catalogue
 * does not have, an unknown operator, level, boundary, severity or message placeholder, a duplicate
 * code) is a {@link ConfigurationException} with one line naming the file and the rule.
 */
public final class ValidationRules implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String CLASSPATH_PREFIX = "classpath:";

  /** Placeholders a message template may use. */
  public static final Set<String> PLACEHOLDERS =
      Set.of(
          "geo_name",
          "geo_code",
          "geo_level",
          "period",
          "boundary",
          "left",
          "right",
          "factor",
          "value",
          "right_value",
          "bound",
          "off_pct");

  static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  private static final Set<String> KEYS =
      Set.of(
          "code", "left", "op", "right", "factor", "levels", "boundaries", "severity", "message");
  private static final List<String> LEVELS =
      List.of(
          IndicatorColumns.LEVEL_PROVINCE,
          IndicatorColumns.LEVEL_REGION,
          IndicatorColumns.LEVEL_NATION);
  private static final List<String> BOUNDARIES =
      List.of(IndicatorColumns.BOUNDARY_REPORTED, IndicatorColumns.BOUNDARY_CURRENT);

  private final String source;
  private final List<ValidationRule> rules;

  private ValidationRules(String source, List<ValidationRule> rules) {
    this.source = source;
    this.rules = List.copyOf(rules);
  }

  /** Loads the rules from {@code classpath:<resource>} or a file path and checks them. */
  public static ValidationRules load(String source, IndicatorCatalogue catalogue) {
    Config config;
    try {
      if (source.startsWith(CLASSPATH_PREFIX)) {
        String resource = source.substring(CLASSPATH_PREFIX.length());
        URL url = ValidationRules.class.getClassLoader().getResource(resource);
        if (url == null) {
          throw new ConfigurationException(
              "validation rules not found on the classpath: " + resource);
        }
        config = ConfigFactory.parseURL(url, ConfigParseOptions.defaults().setAllowMissing(false));
      } else {
        File file = new File(source);
        if (!file.isFile()) {
          throw new ConfigurationException("validation rules not found: " + source);
        }
        config =
            ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
      }
    } catch (ConfigException e) {
      throw new ConfigurationException(
          "cannot read validation rules " + source + ": " + oneLine(e.getMessage()), e);
    }
    return fromConfig(source, config, catalogue);
  }

  /** Builds and checks the rules from a parsed tree with a list {@code rules}. */
  public static ValidationRules fromConfig(
      String source, Config config, IndicatorCatalogue catalogue) {
    List<? extends Config> entries;
    try {
      entries = config.resolve().getConfigList("rules");
    } catch (ConfigException e) {
      throw new ConfigurationException(
          "validation rules " + source + ": " + oneLine(e.getMessage()), e);
    }
    List<ValidationRule> rules = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      ValidationRule rule = parse(source, i, entries.get(i), catalogue);
      if (!codes.add(rule.code())) {
        throw new ConfigurationException(
            source + ": rule '" + rule.code() + "' is defined more than once");
      }
      rules.add(rule);
    }
    return new ValidationRules(source, rules);
  }

  /** Every rule, in file order. */
  public List<ValidationRule> rules() {
    return rules;
  }

  /** Where the rules were read from. */
  public String source() {
    return source;
  }

  private static ValidationRule parse(
      String source, int index, Config entry, IndicatorCatalogue catalogue) {
    String where = source + ": rules[" + index + "]";
    try {
      Set<String> unknown = new TreeSet<>(entry.root().keySet());
      unknown.removeAll(KEYS);
      if (!unknown.isEmpty()) {
        throw new ConfigurationException(where + ": unknown key(s) " + unknown);
      }
      String code = entry.getString("code");
      if (!code.matches("[a-z][a-z0-9_]*")) {
        throw new ConfigurationException(where + ": code '" + code + "' must be snake_case");
      }
      where = source + ": rule '" + code + "'";
      String left = indicator(entry, "left", where, catalogue);
      String right = indicator(entry, "right", where, catalogue);
      String symbol = entry.getString("op");
      ValidationRule.Operator op = ValidationRule.Operator.of(symbol);
      if (op == null) {
        throw new ConfigurationException(
            where + ": op must be one of <=, <, >=, >, got '" + symbol + "'");
      }
      double factor = entry.hasPath("factor") ? entry.getDouble("factor") : 1.0;
      if (!(factor > 0) || Double.isInfinite(factor)) {
        throw new ConfigurationException(where + ": factor must be positive, got " + factor);
      }
      List<String> levels = entry.hasPath("levels") ? entry.getStringList("levels") : LEVELS;
      checkAll(levels, LEVELS, where + ": levels");
      List<String> boundaries =
          entry.hasPath("boundaries")
              ? entry.getStringList("boundaries")
              : List.of(IndicatorColumns.BOUNDARY_REPORTED);
      checkAll(boundaries, BOUNDARIES, where + ": boundaries");
      String severity = entry.getString("severity");
      ValidationSettings.checkSeverity(where + ": severity", severity);
      String message = entry.getString("message");
      Matcher placeholders = PLACEHOLDER.matcher(message);
      while (placeholders.find()) {
        if (!PLACEHOLDERS.contains(placeholders.group(1))) {
          throw new ConfigurationException(
              where + ": unknown placeholder {" + placeholders.group(1) + "} in message");
        }
      }
      return new ValidationRule(
          code, left, op, right, factor, levels, boundaries, severity, message);
    } catch (ConfigException e) {
      throw new ConfigurationException(where + ": " + oneLine(e.getMessage()), e);
    }
  }

  private static String indicator(
      Config entry, String key, String where, IndicatorCatalogue catalogue) {
    String code = entry.getString(key);
    if (catalogue.find(code).isEmpty()) {
      throw new ConfigurationException(
          where
              + ": "
              + key
              + " names indicator '"
              + code
              + "', which is not in the catalogue "
              + catalogue.source());
    }
    return code;
  }

  private static void checkAll(List<String> values, List<String> allowed, String where) {
    if (values.isEmpty()) {
      throw new ConfigurationException(where + " must not be empty");
    }
    for (String value : values) {
      if (!allowed.contains(value)) {
        throw new ConfigurationException(
            where + ": '" + value + "' is not one of " + String.join(", ", allowed));
      }
    }
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").strip();
  }
}
