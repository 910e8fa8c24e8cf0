package vn.bhxh.pipeline.common.geo;

import com.univocity.parsers.common.record.Record;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import vn.bhxh.pipeline.common.config.PipelineConfig.GeographySettings;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The versioned provincial geography: the 63 provinces and 6 regions in force until 2025-06-30, the
 * 34 provinces from 2025-07-01 with their (configurable) regions, and the crosswalk between them.
 * Loaded once from the reference files and checked: every p63 province maps to exactly one p34
 * province, every p34 province has at least one predecessor, every region exists.
 */
public final class Geography implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String CLASSPATH_PREFIX = "classpath:";

  private final Period p34From;
  private final Map<GeographyVersion, Map<String, Province>> provinces;
  private final Map<GeographyVersion, Map<String, Region>> regions;

  private Geography(
      Period p34From,
      Map<GeographyVersion, Map<String, Province>> provinces,
      Map<GeographyVersion, Map<String, Region>> regions) {
    this.p34From = p34From;
    this.provinces = provinces;
    this.regions = regions;
  }

  /** Loads and checks the geography named by the configuration. */
  public static Geography load(GeographySettings settings) {
    Map<GeographyVersion, Map<String, Region>> regions = new EnumMap<>(GeographyVersion.class);
    regions.put(GeographyVersion.P63, readRegions(GeographyVersion.P63, settings.p63Regions()));
    regions.put(GeographyVersion.P34, readRegions(GeographyVersion.P34, settings.p34Regions()));

    Map<String, String> successors = readCrosswalk(settings.crosswalk());
    LocalDate lastP63Day = settings.p34From().yearMonth().atDay(1).minusDays(1);
    LocalDate firstP34Day = settings.p34From().yearMonth().atDay(1);

    Map<GeographyVersion, Map<String, Province>> provinces = new EnumMap<>(GeographyVersion.class);
    provinces.put(
        GeographyVersion.P34,
        readProvinces(
            GeographyVersion.P34,
            settings.p34Provinces(),
            regions.get(GeographyVersion.P34),
            Map.of(),
            firstP34Day,
            null));
    provinces.put(
        GeographyVersion.P63,
        readProvinces(
            GeographyVersion.P63,
            settings.p63Provinces(),
            regions.get(GeographyVersion.P63),
            successors,
            null,
            lastP63Day));
    Geography geography = new Geography(settings.p34From(), provinces, regions);
    geography.check(successors, settings.crosswalk());
    return geography;
  }

  /** The geography version in force in a month. */
  public GeographyVersion versionOf(Period period) {
    return period.isBefore(p34From) ? GeographyVersion.P63 : GeographyVersion.P34;
  }

  /** The first month of the p34 geography. */
  public Period p34From() {
    return p34From;
  }

  /** The provinces of a version, ordered by code. */
  public List<Province> provinces(GeographyVersion version) {
    return List.copyOf(provinces.get(version).values());
  }

  /** The provinces in force in a month, ordered by code. */
  public List<Province> provincesIn(Period period) {
    return provinces(versionOf(period));
  }

  /** Every province of every version: p63 first, then p34. */
  public List<Province> allProvinces() {
    List<Province> all = new ArrayList<>(provinces(GeographyVersion.P63));
    all.addAll(provinces(GeographyVersion.P34));
    return all;
  }

  /** The province with a code in a version, if there is one. */
  public Optional<Province> province(GeographyVersion version, String code) {
    return Optional.ofNullable(provinces.get(version).get(code));
  }

  /** The province with a code in force in a month, if there is one. */
  public Optional<Province> provinceIn(Period period, String code) {
    return province(versionOf(period), code);
  }

  /** The regions of a version, ordered by code. */
  public List<Region> regions(GeographyVersion version) {
    return List.copyOf(regions.get(version).values());
  }

  /** The region with a code in a version, if there is one. */
  public Optional<Region> region(GeographyVersion version, String code) {
    return Optional.ofNullable(regions.get(version).get(code));
  }

  /** The p63 provinces that became a p34 province, ordered by code. */
  public List<Province> predecessors(String p34Code) {
    return provinces.get(GeographyVersion.P63).values().stream()
        .filter(p -> p.successorCode().equals(p34Code))
        .toList();
  }

  private void check(Map<String, String> successors, String crosswalkSource) {
    Map<String, Province> p63 = provinces.get(GeographyVersion.P63);
    Map<String, Province> p34 = provinces.get(GeographyVersion.P34);
    for (String code : successors.keySet()) {
      if (!p63.containsKey(code)) {
        throw new ConfigurationException(
            crosswalkSource + ": p63 code " + code + " is not a p63 province");
      }
    }
    for (Province province : p63.values()) {
      if (!p34.containsKey(province.successorCode())) {
        throw new ConfigurationException(
            crosswalkSource
                + ": p63 province "
                + province.code()
                + " maps to "
                + province.successorCode()
                + ", which is not a p34 province");
      }
    }
    for (String code : p34.keySet()) {
      if (predecessors(code).isEmpty()) {
        throw new ConfigurationException(
            crosswalkSource + ": p34 province " + code + " has no p63 predecessor");
      }
    }
  }

  private static Map<String, Region> readRegions(GeographyVersion version, String source) {
    Map<String, Region> result = new TreeMap<>();
    for (Record row : readCsv(source)) {
      String code = required(row, "region_code", source);
      result.put(
          code,
          new Region(
              version,
              code,
              required(row, "region_name_en", source),
              required(row, "region_name_vi", source)));
    }
    if (result.isEmpty()) {
      throw new ConfigurationException(source + ": no regions");
    }
    return Collections.unmodifiableMap(result);
  }

  private static Map<String, String> readCrosswalk(String source) {
    Map<String, String> result = new LinkedHashMap<>();
    for (Record row : readCsv(source)) {
      String oldCode = provinceCode(required(row, "old_gso_code", source), source);
      String newCode = provinceCode(required(row, "new_code", source), source);
      if (result.put(oldCode, newCode) != null) {
        throw new ConfigurationException(
            source + ": p63 code " + oldCode + " appears twice (it must map to one p34 province)");
      }
    }
    return result;
  }

  private static Map<String, Province> readProvinces(
      GeographyVersion version,
      String source,
      Map<String, Region> regions,
      Map<String, String> successors,
      LocalDate defaultFrom,
      LocalDate defaultTo) {
    Map<String, Province> result = new TreeMap<>();
    for (Record row : readCsv(source)) {
      String code = provinceCode(required(row, "province_code", source), source);
      String regionCode = required(row, "region_code", source);
      Region region = regions.get(regionCode);
      if (region == null) {
        throw new ConfigurationException(
            source + ": province " + code + " is in unknown region '" + regionCode + "'");
      }
      String successor = version == GeographyVersion.P34 ? code : successors.get(code);
      if (successor == null) {
        throw new ConfigurationException(
            "crosswalk: p63 province " + code + " has no p34 successor");
      }
      Province province =
          new Province(
              version,
              code,
              required(row, "name_vi", source),
              required(row, "name_ascii", source),
              regionCode,
              region.nameVi(),
              date(row.getString("valid_from"), defaultFrom, source),
              date(row.getString("valid_to"), defaultTo, source),
              successor);
      if (result.put(code, province) != null) {
        throw new ConfigurationException(source + ": province code " + code + " appears twice");
      }
    }
    return Collections.unmodifiableMap(result);
  }

  private static String provinceCode(String code, String source) {
    if (!code.matches("\\d{2}")) {
      throw new ConfigurationException(source + ": '" + code + "' is not a 2-digit province code");
    }
    return code;
  }

  private static String required(Record row, String column, String source) {
    String value = row.getString(column);
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(
          source + ": column " + column + " is empty or missing in " + row);
    }
    return Normalizer.normalize(value.trim(), Normalizer.Form.NFC);
  }

  private static LocalDate date(String text, LocalDate fallback, String source) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text.trim());
    } catch (java.time.format.DateTimeParseException e) {
      throw new ConfigurationException(source + ": '" + text + "' is not a date YYYY-MM-DD", e);
    }
  }

  private static List<Record> readCsv(String source) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setLineSeparatorDetectionEnabled(true);
    CsvParser parser = new CsvParser(settings);
    try (Reader reader = open(source)) {
      return parser.parseAllRecords(reader);
    } catch (IOException e) {
      throw new ConfigurationException("cannot read geography file " + source + ": " + e, e);
    }
  }

  /**
   * Opens a reference file named like the geography settings: a {@code classpath:} resource or a
   * local file, failing with a clear line if absent. Also used for other reference files that sit
   * next to the geography (the generator's regional population).
   */
  public static Reader open(String source) throws IOException {
    if (source.startsWith(CLASSPATH_PREFIX)) {
      String resource = source.substring(CLASSPATH_PREFIX.length());
      InputStream stream = Geography.class.getClassLoader().getResourceAsStream(resource);
      if (stream == null) {
        throw new ConfigurationException("geography file not found on the classpath: " + resource);
      }
      return new InputStreamReader(stream, StandardCharsets.UTF_8);
    }
    Path path = Path.of(source);
    if (!Files.isRegularFile(path)) {
      throw new ConfigurationException("geography file not found: " + source);
    }
    return Files.newBufferedReader(path, StandardCharsets.UTF_8);
  }
}
