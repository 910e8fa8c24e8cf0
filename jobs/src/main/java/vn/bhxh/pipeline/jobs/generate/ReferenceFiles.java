package vn.bhxh.pipeline.jobs.generate;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.time.Period;

/**
 * {@code reference/population.csv} and {@code reference/targets.csv} for the years a run touches,
 * in the geography in force on 1 January of each year. Targets are the year-end values the model
 * itself will produce, times a plan factor per (year, geo, indicator) drawn from the seed, so
 * attainment lands around 93–104%.
 */
final class ReferenceFiles {
  static final String SI_PARTICIPANTS = "si_participants";
  static final String UI_PARTICIPANTS = "ui_participants";
  static final String HI_PARTICIPANTS = "hi_participants";
  static final String HI_COVERAGE_PCT = "hi_coverage_pct";
  static final String COLLECTED_VND_YTD = "collected_vnd_ytd";
  static final String NATION = "VN";

  /** Share of what is due that is collected over a year (arrears, missed voluntary payments). */
  static final double COLLECTED_SHARE_OF_DUE = 0.99;

  private ReferenceFiles() {}

  /** The population and working-age population of every province of a year. */
  static Map<String, long[]> population(SyntheticPopulation population, int year) {
    Map<String, long[]> result = new TreeMap<>();
    for (Province province : population.geography().provincesIn(Period.of(year, 1))) {
      long persons = 0;
      long workingAge = 0;
      for (Home home : population.homesReportedBy(province)) {
        int size = population.poolSize(home, year);
        persons += size;
        for (int index = 0; index < size; index++) {
          if (population.isWorkingAge(home, index)) {
            workingAge++;
          }
        }
      }
      result.put(province.code(), new long[] {persons, workingAge});
    }
    return result;
  }

  static void writePopulation(SyntheticPopulation population, List<Integer> years, CsvWriter out)
      throws IOException {
    for (int year : years) {
      for (Map.Entry<String, long[]> entry : population(population, year).entrySet()) {
        out.number(year).code(entry.getKey());
        out.number(entry.getValue()[0]).number(entry.getValue()[1]);
        out.endRow();
      }
    }
  }

  static void writeTargets(SyntheticPopulation population, List<Integer> years, CsvWriter out)
      throws IOException {
    for (int year : years) {
      Period january = Period.of(year, 1);
      GeographyVersion version = population.geography().versionOf(january);
      Map<String, Expected> byProvince = new LinkedHashMap<>();
      Map<String, Expected> byRegion = new TreeMap<>();
      Expected nation = new Expected();
      for (Province province : population.geography().provincesIn(january)) {
        Expected expected = expected(population, province, year);
        byProvince.put(province.code(), expected);
        byRegion.computeIfAbsent(province.regionCode(), r -> new Expected()).add(expected);
        nation.add(expected);
      }
      for (Map.Entry<String, Expected> entry : byProvince.entrySet()) {
        writeAll(population.seed(), year, entry.getKey(), entry.getValue(), out);
      }
      // A few explicit plans above the provinces: regional coverage plans and the national plan.
      for (Map.Entry<String, Expected> entry : byRegion.entrySet()) {
        String region = entry.getKey();
        if (population.geography().region(version, region).isPresent()) {
          writeCoverage(population.seed(), year, region, entry.getValue(), out);
        }
      }
      writeAll(population.seed(), year, NATION, nation, out);
    }
  }

  private static void writeAll(long seed, int year, String geo, Expected expected, CsvWriter out)
      throws IOException {
    writeCount(seed, year, geo, SI_PARTICIPANTS, expected.si, out);
    writeCount(seed, year, geo, UI_PARTICIPANTS, expected.ui, out);
    writeCount(seed, year, geo, HI_PARTICIPANTS, expected.hi, out);
    writeCoverage(seed, year, geo, expected, out);
    writeCount(seed, year, geo, COLLECTED_VND_YTD, expected.collectedYear, out);
  }

  private static void writeCount(
      long seed, int year, String geo, String indicator, double value, CsvWriter out)
      throws IOException {
    double factor = 0.96 + 0.12 * planDraw(seed, year, geo, indicator);
    out.number(year).code(geo).code(indicator).number(Math.round(value * factor));
    out.endRow();
  }

  private static void writeCoverage(
      long seed, int year, String geo, Expected expected, CsvWriter out) throws IOException {
    double coverage = expected.population == 0 ? 0 : 100.0 * expected.hi / expected.population;
    double factor = 0.985 + 0.035 * planDraw(seed, year, geo, HI_COVERAGE_PCT);
    double target = Math.min(100, coverage * factor);
    out.number(year).code(geo).code(HI_COVERAGE_PCT);
    out.code(BigDecimal.valueOf(target).setScale(2, RoundingMode.HALF_UP).toPlainString());
    out.endRow();
  }

  private static double planDraw(long seed, int year, String geo, String indicator) {
    long key = Mix.combine(Mix.combine(Mix.combine(seed, "target"), year), geo + "/" + indicator);
    return Mix.unit(key);
  }

  /** The December participants and the year's expected collection of a province. */
  private static Expected expected(SyntheticPopulation population, Province province, int year) {
    Period december = Period.of(year, 12);
    SyntheticPopulation.MonthRates month = population.month(december);
    Person person = new Person();
    Expected expected = new Expected();
    List<Home> homes = new ArrayList<>(population.homesReportedBy(province));
    for (Home home : homes) {
      int size = population.poolSize(home, year);
      expected.population += size;
      for (int index = 0; index < size; index++) {
        population.evaluate(home, index, month, person);
        expected.si += person.si == Person.SiState.NONE ? 0 : 1;
        expected.ui += person.ui ? 1 : 0;
        expected.hi += person.hi ? 1 : 0;
      }
      // Dues grow through the year; mid-year is close to the monthly average.
      expected.collectedYear +=
          12.0
              * COLLECTED_SHARE_OF_DUE
              * ContributionsFile.dueOfHome(population, home, Period.of(year, 6));
    }
    return expected;
  }

  /** Expected year-end values of a geo, summed from its provinces. */
  private static final class Expected {
    long population;
    long si;
    long ui;
    long hi;
    double collectedYear;

    void add(Expected other) {
      population += other.population;
      si += other.si;
      ui += other.ui;
      hi += other.hi;
      collectedYear += other.collectedYear;
    }
  }
}
