package vn.bhxh.pipeline.common.indicators;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Facet;
import vn.bhxh.pipeline.common.schema.ReportMeasureColumns.Measure;

/**
 * Reads and checks the {@code report} section of the indicator catalogue: a list, in column order,
 * of the indicators the report tables show and their facets. A mistake (unknown key, indicator or
 * column, an indicator or a column twice) is a {@link ConfigurationException} naming the file and
 * the entry.
 */
final class ReportSection {
  static final String PATH = "report";

  private static final Set<String> KEYS = Set.of("indicator", "columns", "bulletin");

  private ReportSection() {}

  /** The entries of the section (none when the file has no {@code report} list). */
  static List<ReportIndicator> parse(String source, Config config, IndicatorCatalogue catalogue) {
    if (!config.hasPath(PATH)) {
      return List.of();
    }
    List<? extends Config> entries;
    try {
      entries = config.getConfigList(PATH);
    } catch (ConfigException e) {
      throw new ConfigurationException(
          "indicator catalogue " + source + ": " + IndicatorCatalogue.oneLine(e.getMessage()), e);
    }
    List<ReportIndicator> result = new ArrayList<>();
    Set<String> indicators = new HashSet<>();
    Set<String> columns = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      String where = "indicator catalogue " + source + ": " + PATH + "[" + i + "]";
      ReportIndicator entry = entry(where, entries.get(i), catalogue);
      if (!indicators.add(entry.code())) {
        throw new ConfigurationException(where + ": indicator " + entry.code() + " appears twice");
      }
      for (Measure measure : entry.measures()) {
        if (!columns.add(measure.column())) {
          throw new ConfigurationException(
              where + ": column " + measure.column() + " is already a report column");
        }
      }
      result.add(entry);
    }
    return List.copyOf(result);
  }

  private static ReportIndicator entry(String where, Config entry, IndicatorCatalogue catalogue) {
    try {
      Set<String> unknown = new TreeSet<>(entry.root().keySet());
      unknown.removeAll(KEYS);
      if (!unknown.isEmpty()) {
        throw new ConfigurationException(where + ": unknown key(s) " + unknown);
      }
      String code = entry.getString("indicator");
      IndicatorDefinition definition =
          catalogue
              .find(code)
              .orElseThrow(
                  () ->
                      new ConfigurationException(
                          where + ": indicator " + code + " is not in the catalogue"));
      List<Facet> facets = new ArrayList<>();
      for (String column : entry.getStringList("columns")) {
        Facet facet;
        try {
          facet = Facet.fromCode(column);
        } catch (IllegalArgumentException e) {
          throw new ConfigurationException(
              where + ": unknown column '" + column + "' (one of " + facetCodes() + ")", e);
        }
        if (facets.contains(facet)) {
          throw new ConfigurationException(where + ": column " + column + " appears twice");
        }
        facets.add(facet);
      }
      if (facets.isEmpty()) {
        throw new ConfigurationException(where + ": columns is empty");
      }
      boolean bulletin = !entry.hasPath("bulletin") || entry.getBoolean("bulletin");
      return new ReportIndicator(definition, facets, bulletin);
    } catch (ConfigException e) {
      throw new ConfigurationException(
          where + ": " + IndicatorCatalogue.oneLine(e.getMessage()), e);
    }
  }

  private static List<String> facetCodes() {
    List<String> codes = new ArrayList<>();
    for (Facet facet : Facet.values()) {
      codes.add(facet.code());
    }
    return codes;
  }
}
