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
final class ParticipationFile implements MonthlyFiles.PersonSink {
  private final CsvWriter out;
  private final SyntheticPopulation population;
  private final Period period;
  private final Province province;
  private final byte[] periodBytes;
  private final byte[] provinceBytes;

  ParticipationFile(
      CsvWriter out, SyntheticPopulation population, Period period, Province province) {
    this.out = out;
    this.population = population;
    this.period = period;
    this.province = province;
    this.periodBytes = CsvWriter.ascii(period.toString());
    this.provinceBytes = CsvWriter.ascii(province.code());
  }

  @Override
  public void person(Home home, Person person) throws IOException {
    switch (person.si) {
      case COMPULSORY -> row(person, Codes.SI_COMPULSORY, null, employer(home, person));
      case VOLUNTARY -> row(person, Codes.SI_VOLUNTARY, null, -1);
      default -> {}
    }
    if (person.ui) {
      row(person, Codes.UI, null, employer(home, person));
    }
    if (person.hi) {
      row(person, Codes.HI, person.hiGroup, -1);
    }
  }

  /** Adds the persons of the previous province who are also registered here. */
  @Override
  public void finish(SyntheticPopulation.MonthRates month) throws IOException {
    Person person = new Person();
    int district = population.homesReportedBy(province).get(0).firstDistrict();
    for (Home home : population.homesReportedBy(previous(population, period, province))) {
      for (int index : population.duplicatedIndices(home, period.year())) {
        population.evaluate(home, index, month, person);
        if (person.hi) {
          person.districtCode = district; // registered where they moved to
          row(person, Codes.HI, Codes.HOUSEHOLD, -1);
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

  /** A row in the contract's column order (ParticipationColumns.LANDING_COLUMNS). */
  private void row(Person person, byte[] scheme, byte[] hiGroup, long employerTaxCode)
      throws IOException {
    out.code(periodBytes).code(provinceBytes).digits(person.districtCode, 3);
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
    out.code(person.gender == 'M' ? Codes.MALE : Codes.FEMALE);
    out.number(person.birthYearIn(period.year()));
    out.endRow();
  }
}
