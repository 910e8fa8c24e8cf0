package vn.bhxh.pipeline.jobs.generate;

import com.univocity.parsers.common.record.Record;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.geo.Province;

/**
 * The 2023 population of each p63 province that the generator scales from. Where the reference file
 * has a verified GSO figure ({@code population_2023}) it is used; the other provinces of a region
 * share what is left of the region's verified total evenly. Those split figures are synthetic, and
 * so is everything generated from them.
 *
 * @param population2023 persons per p63 province code, ordered by code
 * @param synthetic the codes whose figure is an even split, not a published one
 */
record ProvincePopulation(Map<String, Long> population2023, Set<String> synthetic) {
  static final String PROVINCE_POPULATION_COLUMN = "population_2023";
  private static final String PROVINCE_CODE_COLUMN = "province_code";
  private static final String REGION_CODE_COLUMN = "region_code";

  ProvincePopulation {
    population2023 = Collections.unmodifiableMap(new TreeMap<>(population2023));
    synthetic = Collections.unmodifiableSet(new TreeSet<>(synthetic));
  }

  /** Reads the province figures and regional totals and splits the remainders. */
  static ProvincePopulation load(
      Geography geography, String provincesSource, String regionalSource) {
    Map<String, Long> known = new TreeMap<>();
    for (Record row : read(provincesSource)) {
      String value = row.getString(PROVINCE_POPULATION_COLUMN);
      if (value != null && !value.isBlank()) {
        known.put(
            row.getString(PROVINCE_CODE_COLUMN).trim(),
            persons(value, provincesSource, PROVINCE_POPULATION_COLUMN));
      }
    }
    Map<String, Long> regional = new TreeMap<>();
    for (Record row : read(regionalSource)) {
      regional.put(
          row.getString(REGION_CODE_COLUMN).trim(),
          persons(row.getString(PROVINCE_POPULATION_COLUMN), regionalSource, "population_2023"));
    }
    return split(geography.provinces(GeographyVersion.P63), known, regional, regionalSource);
  }

  /**
   * Gives every province its known figure, or an even share of its region's total minus the known
   * figures of the region (the remainder of the integer division goes to the first provinces, so
   * the region still sums to its total).
   */
  static ProvincePopulation split(
      List<Province> provinces,
      Map<String, Long> known,
      Map<String, Long> regional,
      String regionalSource) {
    Map<String, Long> result = new TreeMap<>();
    Set<String> synthetic = new TreeSet<>();
    Map<String, List<Province>> missingByRegion = new TreeMap<>();
    Map<String, Long> knownByRegion = new TreeMap<>();
    for (Province province : provinces) {
      Long figure = known.get(province.code());
      if (figure != null) {
        result.put(province.code(), figure);
        knownByRegion.merge(province.regionCode(), figure, Long::sum);
      } else {
        missingByRegion
            .computeIfAbsent(province.regionCode(), r -> new ArrayList<>())
            .add(province);
      }
    }
    for (Map.Entry<String, List<Province>> entry : missingByRegion.entrySet()) {
      String region = entry.getKey();
      List<Province> missing = entry.getValue();
      Long total = regional.get(region);
      if (total == null) {
        throw new ConfigurationException(
            regionalSource
                + ": no population for region "
                + region
                + ", needed for province "
                + missing.get(0).code());
      }
      long remainder = total - knownByRegion.getOrDefault(region, 0L);
      if (remainder < missing.size()) {
        throw new ConfigurationException(
            regionalSource
                + ": region "
                + region
                + " has "
                + total
                + " persons, not more than its provinces with a known figure");
      }
      long share = remainder / missing.size();
      long extra = remainder % missing.size();
      for (int i = 0; i < missing.size(); i++) {
        String code = missing.get(i).code();
        result.put(code, share + (i < extra ? 1 : 0));
        synthetic.add(code);
      }
    }
    return new ProvincePopulation(result, synthetic);
  }

  /** The 2023 population of a p63 province. */
  long of(String p63Code) {
    Long value = population2023.get(p63Code);
    if (value == null) {
      throw new IllegalArgumentException("no population for p63 province " + p63Code);
    }
    return value;
  }

  private static long persons(String value, String source, String column) {
    try {
      long persons = Long.parseLong(value.trim());
      if (persons <= 0) {
        throw new NumberFormatException("not positive");
      }
      return persons;
    } catch (NumberFormatException | NullPointerException e) {
      throw new ConfigurationException(
          source + ": " + column + " must be a positive whole number, got '" + value + "'", e);
    }
  }

  private static List<Record> read(String source) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.setHeaderExtractionEnabled(true);
    settings.setLineSeparatorDetectionEnabled(true);
    try (Reader reader = Geography.open(source)) {
      return new CsvParser(settings).parseAllRecords(reader);
    } catch (IOException e) {
      throw new ConfigurationException("cannot read " + source + ": " + e, e);
    }
  }
}
