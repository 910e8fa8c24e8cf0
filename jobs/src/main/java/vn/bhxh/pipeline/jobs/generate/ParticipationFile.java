package vn.bhxh.pipeline.jobs.generate;

import java.io.IOException;
import java.util.List;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.time.Period;

/**
 * One participation file: a row per person per active scheme, for every person whose home the
 * province reports, then the few persons of the previous province (in code order, cyclically) who
 * are also registered here for health insurance: the cross-province duplicates.
 */
final class ParticipationFile {
  private ParticipationFile() {}

  static void write(SyntheticPopulation population, Period period, Province province, CsvWriter out)
      throws IOException {
    SyntheticPopulation.MonthRates month = population.month(period);
    Person person = new Person();
    Row row = new Row(out, period, province);
    for (Home home : population.homesReportedBy(province)) {
      int size = population.poolSize(home, period.year());
      for (int index = 0; index < size; index++) {
        population.evaluate(home, index, month, person);
        switch (person.si) {
          case COMPULSORY -> row.write(person, "SI_COMPULSORY", null, employer(home, person));
          case VOLUNTARY -> row.write(person, "SI_VOLUNTARY", null, -1);
          default -> {}
        }
        if (person.ui) {
          row.write(person, "UI", null, employer(home, person));
        }
        if (person.hi) {
          row.write(person, "HI", person.hiGroup, -1);
        }
      }
    }
    int district = population.homesReportedBy(province).get(0).firstDistrict();
    for (Home home : population.homesReportedBy(previous(population, period, province))) {
      for (int index : population.duplicatedIndices(home, period.year())) {
        population.evaluate(home, index, month, person);
        if (person.hi) {
          person.districtCode = district; // registered where they moved to
          row.write(person, "HI", "HOUSEHOLD", -1);
        }
      }
    }
  }

  private static long employer(Home home, Person person) {
    return SyntheticPopulation.taxCode(home, person.employer);
  }

  /** The province before this one in code order, the last one before the first. */
  static Province previous(SyntheticPopulation population, Period period, Province province) {
    List<Province> provinces = population.geography().provincesIn(period);
    int position = provinces.indexOf(province);
    return provinces.get(Math.floorMod(position - 1, provinces.size()));
  }

  /** Writes rows in the contract's column order (ParticipationColumns.LANDING_COLUMNS). */
  private static final class Row {
    private final CsvWriter out;
    private final String period;
    private final String province;
    private final int year;

    Row(CsvWriter out, Period period, Province province) {
      this.out = out;
      this.period = period.toString();
      this.province = province.code();
      this.year = period.year();
    }

    void write(Person person, String scheme, String hiGroup, long employerTaxCode)
        throws IOException {
      out.code(period).code(province).digits(person.districtCode, 3);
      out.digits(person.idValue, person.idWidth).code(scheme);
      if (hiGroup == null) {
        out.empty();
      } else {
        out.code(hiGroup);
      }
      if (employerTaxCode < 0) {
        out.empty();
      } else {
        out.digits(employerTaxCode, 10);
      }
      out.code(person.gender == 'M' ? "M" : "F").number(person.birthYearIn(year));
      out.endRow();
    }
  }
}
