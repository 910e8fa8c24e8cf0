package vn.bhxh.pipeline.common.indicators;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.io.Serializable;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.ContributionsColumns;
import vn.bhxh.pipeline.common.schema.ParticipationColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;

/**
 * The indicator catalogue: every indicator the engine computes, read from a HOCON file (a list
 * under {@code indicators}), and which of them the report tables and the bulletin show (a list
 * under {@code report}, {@link ReportSection}), checked once at start-up. Any mistake (unknown key,
 * unknown dataset or column, a filter that does not parse, a ratio or year-to-date entry naming an
 * unknown or unsuitable indicator) is a {@link ConfigurationException} with one line naming the
 * file and the indicator.
 */
public final class IndicatorCatalogue implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String CLASSPATH_PREFIX = "classpath:";

  /** Datasets a base measure can read, with the columns a filter or measure may use. */
  public static final Map<String, StructType> DATASETS =
      Map.of(
          ParticipationColumns.DATASET, ParticipationColumns.TABLE_SCHEMA,
          ContributionsColumns.DATASET, ContributionsColumns.TABLE_SCHEMA,
          BenefitsColumns.DATASET, BenefitsColumns.TABLE_SCHEMA,
          PopulationColumns.TABLE, PopulationColumns.TABLE_SCHEMA);

  /** One bit of a 64-bit mask per distinct measure of a dataset (the sign bit left alone). */
  public static final int MAX_DISTINCT_PER_DATASET = 63;

  private static final Set<String> KEYS =
      Set.of(
          "code",
          "name-en",
          "name-vi",
          "measure",
          "dataset",
          "filter",
          "column",
          "numerator",
          "denominator",
          "factor",
          "of",
          "nature",
          "unit",
          "higher-is-better");

  private final String source;
  private final List<IndicatorDefinition> definitions;
  private final Map<String, IndicatorDefinition> byCode;
  private final List<ReportIndicator> report;

  private IndicatorCatalogue(
      String source, List<IndicatorDefinition> definitions, List<ReportIndicator> report) {
    this.source = source;
    this.definitions = List.copyOf(definitions);
    this.report = List.copyOf(report);
    Map<String, IndicatorDefinition> map = new LinkedHashMap<>();
    definitions.forEach(d -> map.put(d.code(), d));
    this.byCode = Collections.unmodifiableMap(map);
  }

  /** Loads a catalogue from {@code classpath:<resource>} or a file path, and checks it. */
  public static IndicatorCatalogue load(String source) {
    Config config;
    try {
      if (source.startsWith(CLASSPATH_PREFIX)) {
        String resource = source.substring(CLASSPATH_PREFIX.length());
        URL url = IndicatorCatalogue.class.getClassLoader().getResource(resource);
        if (url == null) {
          throw new ConfigurationException(
              "indicator catalogue not found on the classpath: " + resource);
        }
        config = ConfigFactory.parseURL(url, ConfigParseOptions.defaults().setAllowMissing(false));
      } else {
        File file = new File(source);
        if (!file.isFile()) {
          throw new ConfigurationException("indicator catalogue not found: " + source);
        }
        config =
            ConfigFactory.parseFile(file, ConfigParseOptions.defaults().setAllowMissing(false));
      }
    } catch (ConfigException e) {
      throw new ConfigurationException(
          "cannot read indicator catalogue " + source + ": " + oneLine(e.getMessage()), e);
    }
    return fromConfig(source, config);
  }

  /** Builds and checks a catalogue from a parsed tree with a list {@code indicators}. */
  public static IndicatorCatalogue fromConfig(String source, Config config) {
    List<IndicatorDefinition> definitions = new ArrayList<>();
    List<? extends Config> entries;
    Config resolved;
    try {
      resolved = config.resolve();
      entries = resolved.getConfigList("indicators");
    } catch (ConfigException e) {
      throw new ConfigurationException(
          "indicator catalogue " + source + ": " + oneLine(e.getMessage()), e);
    }
    for (int i = 0; i < entries.size(); i++) {
      definitions.add(parseEntry(source, i, entries.get(i)));
    }
    IndicatorCatalogue catalogue = new IndicatorCatalogue(source, definitions, List.of());
    catalogue.check();
    return new IndicatorCatalogue(
        source, definitions, ReportSection.parse(source, resolved, catalogue));
  }

  /** Every indicator, in catalogue order. */
  public List<IndicatorDefinition> definitions() {
    return definitions;
  }

  /** The indicator with a code, if there is one. */
  public Optional<IndicatorDefinition> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  /** The indicator with a code; fails if it is not in the catalogue. */
  public IndicatorDefinition get(String code) {
    return find(code)
        .orElseThrow(
            () -> new IllegalArgumentException("no indicator '" + code + "' in " + source));
  }

  /** The base measures read from a dataset, in catalogue order. */
  public List<IndicatorDefinition> baseMeasuresOf(String dataset) {
    return definitions.stream()
        .filter(d -> d.measure().isBase() && d.dataset().orElseThrow().equals(dataset))
        .toList();
  }

  /** The datasets that at least one base measure reads, in catalogue order. */
  public List<String> datasets() {
    return definitions.stream()
        .filter(d -> d.measure().isBase())
        .map(d -> d.dataset().orElseThrow())
        .distinct()
        .toList();
  }

  /**
   * The indicators {@code reference/targets.csv} may plan: every one but those read from the
   * population dataset (the denominators of coverage ratios, reference data with no plan). What
   * {@code pipeline.ingest.target-indicators} means when it is left empty, so that an indicator
   * added to the catalogue can be planned with no other change.
   */
  public List<String> plannable() {
    return definitions.stream()
        .filter(d -> !d.dataset().equals(Optional.of(PopulationColumns.TABLE)))
        .map(IndicatorDefinition::code)
        .toList();
  }

  /** Indicators of a measure kind, in catalogue order. */
  public List<IndicatorDefinition> ofMeasure(Measure measure) {
    return definitions.stream().filter(d -> d.measure() == measure).toList();
  }

  /**
   * The indicators of the report tables and the bulletin, in column order (the {@code report}
   * section; empty when the file has none).
   */
  public List<ReportIndicator> report() {
    return report;
  }

  /** Where the catalogue was read from. */
  public String source() {
    return source;
  }

  private static IndicatorDefinition parseEntry(String source, int index, Config entry) {
    String where = source + ": indicators[" + index + "]";
    try {
      Set<String> unknown = new TreeSet<>();
      entry.root().keySet().stream().filter(k -> !KEYS.contains(k)).forEach(unknown::add);
      if (!unknown.isEmpty()) {
        throw new ConfigurationException(where + ": unknown key(s) " + unknown);
      }
      String code = entry.getString("code");
      if (!code.matches("[a-z][a-z0-9_]*")) {
        throw new ConfigurationException(where + ": code '" + code + "' must be snake_case");
      }
      where = source + ": indicator '" + code + "'";
      Measure measure = measureValue(entry.getString("measure"), where);
      Nature nature = enumValue(Nature.class, entry.getString("nature"), where, "nature");
      return new IndicatorDefinition(
          code,
          entry.getString("name-en"),
          entry.getString("name-vi"),
          measure,
          optional(entry, "dataset"),
          optional(entry, "filter"),
          optional(entry, "column"),
          optional(entry, "numerator"),
          optional(entry, "denominator"),
          entry.hasPath("factor") ? entry.getDouble("factor") : 1.0,
          optional(entry, "of"),
          nature,
          entry.getString("unit"),
          entry.getBoolean("higher-is-better"));
    } catch (ConfigException e) {
      throw new ConfigurationException(where + ": " + oneLine(e.getMessage()), e);
    }
  }

  private void check() {
    Set<String> seen = new TreeSet<>();
    for (IndicatorDefinition d : definitions) {
      if (!seen.add(d.code())) {
        throw error(d, "appears twice");
      }
    }
    Map<String, String> distinctColumn = new LinkedHashMap<>();
    Map<String, Integer> distinctCount = new LinkedHashMap<>();
    for (IndicatorDefinition d : definitions) {
      switch (d.measure()) {
        case DISTINCT, COUNT, SUM -> checkBase(d, distinctColumn, distinctCount);
        case RATIO -> {
          requireAbsent(d, "dataset", d.dataset());
          requireAbsent(d, "filter", d.filter());
          checkOperand(d, "numerator", d.numerator());
          checkOperand(d, "denominator", d.denominator());
          if (d.factor() == 0 || Double.isNaN(d.factor())) {
            throw error(d, "factor must be a non-zero number");
          }
        }
        case YTD -> {
          requireAbsent(d, "dataset", d.dataset());
          IndicatorDefinition base = checkOperand(d, "of", d.of());
          if (base.nature() != Nature.FLOW) {
            throw error(d, "of = " + base.code() + " is a stock; year to date needs a flow");
          }
          if (d.nature() != Nature.FLOW) {
            throw error(d, "a year-to-date indicator is a flow (nature = flow)");
          }
        }
        case YTD_DISTINCT -> {
          requireAbsent(d, "dataset", d.dataset());
          requireAbsent(d, "filter", d.filter());
          requireAbsent(d, "column", d.column());
          IndicatorDefinition base = checkOperand(d, "of", d.of());
          if (base.measure() != Measure.DISTINCT) {
            throw error(d, "of = " + base.code() + " is not a distinct; ytd-distinct needs one");
          }
          if (d.nature() != Nature.FLOW) {
            throw error(d, "a year-to-date indicator is a flow (nature = flow)");
          }
        }
      }
    }
  }

  private void checkBase(
      IndicatorDefinition d, Map<String, String> distinctColumn, Map<String, Integer> counts) {
    String dataset =
        d.dataset().orElseThrow(() -> error(d, "a " + d.measure().code() + " needs a dataset"));
    StructType schema = DATASETS.get(dataset);
    if (schema == null) {
      throw error(
          d, "unknown dataset '" + dataset + "' (one of " + new TreeSet<>(DATASETS.keySet()) + ")");
    }
    d.filter().ifPresent(filter -> checkFilter(d, filter, schema));
    requireAbsent(d, "numerator", d.numerator());
    requireAbsent(d, "denominator", d.denominator());
    requireAbsent(d, "of", d.of());
    switch (d.measure()) {
      case SUM -> {
        String column = d.column().orElseThrow(() -> error(d, "a sum needs a column"));
        StructField field = field(d, schema, dataset, column);
        if (!(field.dataType() instanceof NumericType)) {
          throw error(d, "column " + column + " of " + dataset + " is not numeric");
        }
      }
      case DISTINCT -> {
        String column =
            d.column().orElseThrow(() -> error(d, "a distinct needs a column (the key)"));
        field(d, schema, dataset, column);
        String previous = distinctColumn.putIfAbsent(dataset, column);
        if (previous != null && !previous.equals(column)) {
          throw error(
              d,
              "distinct measures of "
                  + dataset
                  + " must share one key column ("
                  + previous
                  + "), got "
                  + column);
        }
        int count = counts.merge(dataset, 1, Integer::sum);
        if (count > MAX_DISTINCT_PER_DATASET) {
          throw error(
              d, "more than " + MAX_DISTINCT_PER_DATASET + " distinct measures on " + dataset);
        }
      }
      case COUNT -> requireAbsent(d, "column", d.column());
      default -> throw new IllegalStateException(d.measure().toString());
    }
  }

  private IndicatorDefinition checkOperand(
      IndicatorDefinition d, String key, Optional<String> operand) {
    String code = operand.orElseThrow(() -> error(d, "a " + d.measure().code() + " needs " + key));
    IndicatorDefinition target =
        find(code).orElseThrow(() -> error(d, key + " = " + code + " is not in the catalogue"));
    if (!target.measure().isBase()) {
      throw error(
          d,
          key
              + " = "
              + code
              + " must be a distinct, count or sum (not a "
              + target.measure().code()
              + ")");
    }
    return target;
  }

  private StructField field(
      IndicatorDefinition d, StructType schema, String dataset, String column) {
    for (StructField field : schema.fields()) {
      if (field.name().equals(column)) {
        return field;
      }
    }
    throw error(d, "column " + column + " is not a column of " + dataset);
  }

  private void checkFilter(IndicatorDefinition d, String filter, StructType schema) {
    Expression expression;
    try {
      expression = CatalystSqlParser$.MODULE$.parseExpression(filter);
    } catch (Exception e) { // ParseException (checked for javac): keep one line
      throw error(d, "filter does not parse: " + oneLine(String.valueOf(e.getMessage())));
    }
    Set<String> columns = new TreeSet<>(List.of(schema.fieldNames()));
    for (Expression leaf : JavaConverters.seqAsJavaList(expression.collectLeaves())) {
      if (leaf instanceof UnresolvedAttribute attribute && !columns.contains(attribute.name())) {
        throw error(d, "filter uses unknown column '" + attribute.name() + "'");
      }
    }
  }

  private void requireAbsent(IndicatorDefinition d, String key, Optional<String> value) {
    if (value.isPresent()) {
      throw error(d, key + " does not apply to a " + d.measure().code());
    }
  }

  private ConfigurationException error(IndicatorDefinition d, String message) {
    return new ConfigurationException(
        "indicator catalogue " + source + ": indicator '" + d.code() + "': " + message);
  }

  private static Optional<String> optional(Config entry, String key) {
    return entry.hasPath(key) ? Optional.of(entry.getString(key)) : Optional.empty();
  }

  private static Measure measureValue(String value, String where) {
    try {
      return Measure.fromCode(value);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(where + ": unknown measure '" + value + "'", e);
    }
  }

  private static <E extends Enum<E>> E enumValue(
      Class<E> type, String value, String where, String key) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(where + ": unknown " + key + " '" + value + "'", e);
    }
  }

  static String oneLine(String message) {
    return message.replaceAll("\\s+", " ").trim();
  }
}
