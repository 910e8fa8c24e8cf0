package vn.bhxh.pipeline.jobs.generate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.bhxh.pipeline.common.config.GenerateSettings;
import vn.bhxh.pipeline.common.geo.Geography;
import vn.bhxh.pipeline.common.geo.GeographyVersion;
import vn.bhxh.pipeline.common.geo.Province;
import vn.bhxh.pipeline.common.time.Period;

/**
 * The synthetic population behind the generated landing files. Every person is a pure function of
 * (seed, home province, index): attributes are hashes, and the state in a month is read off a band
 * that slides slowly over a person's stable position, so consecutive months share almost all their
 * persons, and any (period, province) can be generated alone, in any order, on any thread.
 *
 * <p>Model, per home p63 province of {@code P} persons in 2023 (× scale, × population growth):
 *
 * <ul>
 *   <li>a share {@code workingAgeShare} is of working age; of those, position {@code frac(u + month
 *       × churn)} in {@code [0, v)} is voluntary SI, in {@code [v, v + c)} compulsory SI, else no
 *       SI. {@code v + c} is the SI share, growing by {@code siYearlyGrowth} a year from the anchor
 *       month; a stable share of compulsory participants also has UI;
 *   <li>compulsory participants are health-insured through their employer, 90% of voluntary ones
 *       through their household, and the rest of the population at the rate that makes the total
 *       equal the HI share;
 *   <li>each compulsory participant works for one employer of a fixed pool (about 40 insured per
 *       employer, skewed so some employers are large).
 * </ul>
 *
 * Everything derived from it is synthetic.
 */
final class SyntheticPopulation {
  /** The year of the base population figures ({@code population_2023}). */
  static final int BASE_YEAR = 2023;

  /** Insured persons per employer, on average (VSS: about 16.4M compulsory, 0.4M employers). */
  static final double INSURED_PER_EMPLOYER = 40;

  /** Employer + employee rates: 25.5% SI, 4.5% HI, 2% UI (Law on Social Insurance 2014). */
  static final double EMPLOYER_CONTRIBUTION_RATE = 0.32;

  /** Voluntary SI contribution rate on the declared income. */
  static final double VOLUNTARY_CONTRIBUTION_RATE = 0.22;

  static final double CITIZEN_ID_SHARE = 0.7;
  static final int CITIZEN_NUMBERS = 1_000_000;
  static final long SOCIAL_INSURANCE_NUMBERS = 90_000_000L;
  static final long TAX_CODES = 10_000_000L;
  static final double VOLUNTARY_HI_SHARE = 0.9;
  static final double HI_MONTHLY_CHURN = 0.001;
  static final double CHILD_SHARE_OF_OTHERS = 0.48;
  static final double ELDERLY_SHARE_OF_OTHERS = 0.26;
  static final double PENSIONER_SHARE_OF_ELDERLY = 0.28;
  static final double SURVIVOR_ALLOWANCE_SHARE = 0.01;
  static final double WORK_INJURY_ALLOWANCE_SHARE = 0.001;
  static final double POOR_SHARE = 0.05;
  static final double NEAR_POOR_SHARE = 0.10;
  static final int UNEMPLOYMENT_BENEFIT_MONTHS = 3;
  static final double HI_SHARE_CAP = 0.99;

  private static final int DISTRICT_CODES_PER_PROVINCE = 15;

  private final GenerateSettings settings;
  private final double scale;
  private final long seed;
  private final Geography geography;
  private final Map<String, Home> homes;
  private final int anchorMonth;

  SyntheticPopulation(
      GenerateSettings settings,
      double scale,
      long seed,
      Geography geography,
      ProvincePopulation population) {
    this.settings = settings;
    this.scale = scale;
    this.seed = seed;
    this.geography = geography;
    this.anchorMonth = monthIndex(settings.anchorPeriod());
    Map<String, Home> byCode = new LinkedHashMap<>();
    List<Province> provinces = geography.provinces(GeographyVersion.P63);
    for (int ordinal = 0; ordinal < provinces.size(); ordinal++) {
      Province province = provinces.get(ordinal);
      byCode.put(province.code(), home(province, ordinal, population.of(province.code())));
    }
    this.homes = Collections.unmodifiableMap(byCode);
  }

  private Home home(Province province, int ordinal, long population2023) {
    long salt = Mix.combine(Mix.combine(seed, "home"), province.code());
    double compulsoryAtAnchor =
        settings.siShareOfWorkingAge() * (1 - settings.voluntaryShareOfSi());
    double insured =
        poolSize(population2023, settings.anchorPeriod().year())
            * settings.workingAgeShare()
            * compulsoryAtAnchor;
    int employers = (int) Math.max(1, Math.round(insured / INSURED_PER_EMPLOYER));
    int districts = 8 + Math.floorMod(Mix.attribute(salt, 1), 8);
    return new Home(
        province,
        ordinal,
        Integer.parseInt(province.code()),
        salt,
        population2023,
        employers,
        1 + ordinal * DISTRICT_CODES_PER_PROVINCE,
        districts,
        meanWage2023(province),
        new Scramble(CITIZEN_NUMBERS, Mix.attribute(salt, 2)),
        new Scramble(SOCIAL_INSURANCE_NUMBERS, Mix.attribute(salt, 3)),
        new Scramble(TAX_CODES, Mix.attribute(salt, 4)));
  }

  /** Insured wages are highest in the two metropolises and their regions (GSO wage surveys). */
  private static double meanWage2023(Province province) {
    return switch (province.code()) {
      case "01", "79" -> 9_500_000;
      default ->
          switch (province.regionCode()) {
            case "SE", "RRD" -> 8_000_000;
            default -> 6_500_000;
          };
    };
  }

  long seed() {
    return seed;
  }

  GenerateSettings settings() {
    return settings;
  }

  Geography geography() {
    return geography;
  }

  /** Every home, in p63 code order. */
  List<Home> homes() {
    return List.copyOf(homes.values());
  }

  Home home(String p63Code) {
    Home home = homes.get(p63Code);
    if (home == null) {
      throw new IllegalArgumentException("no p63 province " + p63Code);
    }
    return home;
  }

  /**
   * The homes whose persons a province's file reports in a month: the province itself up to
   * 2025-06, its p63 predecessors from 2025-07.
   */
  List<Home> homesReportedBy(Province province) {
    if (province.version() == GeographyVersion.P63) {
      return List.of(home(province.code()));
    }
    List<Home> result = new ArrayList<>();
    for (Province predecessor : geography.predecessors(province.code())) {
      result.add(home(predecessor.code()));
    }
    return result;
  }

  /** Persons living in a home in a year (indices 0 .. size-1). */
  int poolSize(Home home, int year) {
    return (int) poolSize(home.population2023(), year);
  }

  private long poolSize(double population2023, int year) {
    return Math.round(
        population2023
            * scale
            * StrictMath.pow(1 + settings.populationYearlyGrowth(), year - BASE_YEAR));
  }

  /** Indices of the persons of a home who are also reported by a neighbouring province. */
  int[] duplicatedIndices(Home home, int year) {
    int size = poolSize(home, year);
    int count = (int) Math.round(size * settings.crossProvinceDuplicateShare());
    int[] indices = new int[count];
    for (int k = 0; k < count; k++) {
      indices[k] = (int) ((k + 0.5) * size / count);
    }
    return indices;
  }

  /** The rates of a month. */
  MonthRates month(Period period) {
    int month = monthIndex(period);
    double years = (month - anchorMonth) / 12.0;
    double siShare =
        Math.min(
            0.95,
            settings.siShareOfWorkingAge() * StrictMath.pow(1 + settings.siYearlyGrowth(), years));
    double voluntary = siShare * settings.voluntaryShareOfSi();
    double compulsory = siShare - voluntary;
    double uiGivenCompulsory =
        Math.min(
            1,
            settings.uiShareOfWorkingAge()
                / (settings.siShareOfWorkingAge() * (1 - settings.voluntaryShareOfSi())));
    double hiShare =
        Math.max(
            0.05,
            Math.min(
                HI_SHARE_CAP,
                settings.hiShareOfPopulation() + settings.hiYearlyGrowthPoints() / 100 * years));
    double workingAge = settings.workingAgeShare();
    double hiRest =
        (hiShare - workingAge * compulsory - workingAge * voluntary * VOLUNTARY_HI_SHARE)
            / (1 - workingAge * (compulsory + voluntary));
    return new MonthRates(
        period,
        month,
        voluntary,
        compulsory,
        uiGivenCompulsory,
        Math.max(0, Math.min(1, hiRest)),
        StrictMath.pow(1 + settings.wageYearlyGrowth(), years),
        month * settings.monthlyChurn(),
        month * HI_MONTHLY_CHURN);
  }

  static int monthIndex(Period period) {
    return period.year() * 12 + period.month() - 1;
  }

  /** Whether a person is of working age (fixed for life, like every attribute). */
  boolean isWorkingAge(Home home, int index) {
    return Mix.unit(Mix.attribute(Mix.combine(home.salt(), index), 1)) < settings.workingAgeShare();
  }

  /** Fills {@code out} with the person {@code index} of a home in a month. */
  void evaluate(Home home, int index, MonthRates month, Person out) {
    long key = Mix.combine(home.salt(), index);
    out.index = index;
    out.key = key;
    double ageDraw = Mix.unit(Mix.attribute(key, 1));
    out.workingAge = ageDraw < settings.workingAgeShare();
    long genderAndDistrict = Mix.attribute(key, 2);
    out.gender = (genderAndDistrict & 1) == 0 ? 'M' : 'F';
    double districtDraw = Mix.unit(genderAndDistrict);
    // The first district (the provincial city) is the most populous.
    out.districtCode =
        home.firstDistrict() + (int) (home.districts() * districtDraw * districtDraw);
    double ageWithinClass = Mix.unit(Mix.attribute(key, 3));
    int age;
    if (out.workingAge) {
      out.ageClass = Person.AgeClass.WORKING_AGE;
      age = 18 + (int) (42 * ageWithinClass);
    } else {
      double others = (ageDraw - settings.workingAgeShare()) / (1 - settings.workingAgeShare());
      if (others < CHILD_SHARE_OF_OTHERS) {
        out.ageClass = Person.AgeClass.CHILD;
        age = (int) (15 * ageWithinClass);
      } else if (others < CHILD_SHARE_OF_OTHERS + ELDERLY_SHARE_OF_OTHERS) {
        out.ageClass = Person.AgeClass.ELDERLY;
        age = 60 + (int) (36 * ageWithinClass * ageWithinClass);
      } else {
        out.ageClass = Person.AgeClass.OTHER_ADULT;
        age = 15 + (int) (45 * ageWithinClass * ageWithinClass * ageWithinClass);
      }
    }
    out.birthYear = BASE_YEAR - age;
    identify(home, index, key, out);

    double band = Mix.unit(Mix.attribute(key, 5));
    double uiDraw = Mix.unit(Mix.attribute(key, 6));
    double hiDraw = Mix.unit(Mix.attribute(key, 7));
    double employerDraw = Mix.unit(Mix.attribute(key, 8));
    double statusDraw = Mix.unit(Mix.attribute(key, 9));
    out.stableAmountShare = Mix.unit(Mix.attribute(key, 10));
    // Skewed: a few large employers, a long tail of small ones.
    out.employer = (int) (home.employers() * employerDraw * employerDraw);
    out.si = Person.SiState.NONE;
    out.ui = false;
    out.monthsSinceLeftCompulsory = -1;
    if (out.workingAge) {
      double position = Mix.fraction(band + month.churnShift());
      if (position < month.voluntaryBand()) {
        out.si = Person.SiState.VOLUNTARY;
      } else if (position < month.voluntaryBand() + month.compulsoryBand()) {
        out.si = Person.SiState.COMPULSORY;
        out.ui = uiDraw < month.uiGivenCompulsory();
      } else if (settings.monthlyChurn() > 0) {
        // Positions move up by the churn each month: the distance past the band is time since
        // leaving it.
        int since =
            (int)
                ((position - month.voluntaryBand() - month.compulsoryBand())
                    / settings.monthlyChurn());
        if (since < UNEMPLOYMENT_BENEFIT_MONTHS && uiDraw < month.uiGivenCompulsory()) {
          out.monthsSinceLeftCompulsory = since;
        }
      }
    }
    boolean elderly = out.ageClass == Person.AgeClass.ELDERLY;
    out.pensioner = elderly && statusDraw < PENSIONER_SHARE_OF_ELDERLY;
    out.survivorAllowance =
        !out.workingAge
            && statusDraw >= PENSIONER_SHARE_OF_ELDERLY
            && statusDraw < PENSIONER_SHARE_OF_ELDERLY + SURVIVOR_ALLOWANCE_SHARE;
    out.workInjuryAllowance = out.workingAge && statusDraw < WORK_INJURY_ALLOWANCE_SHARE;

    switch (out.si) {
      case COMPULSORY -> {
        out.hi = true;
        out.hiGroup = Codes.EMPLOYER;
      }
      case VOLUNTARY -> {
        out.hi = hiDraw < VOLUNTARY_HI_SHARE;
        out.hiGroup = Codes.HOUSEHOLD;
      }
      default -> {
        out.hi = Mix.fraction(hiDraw + month.hiChurnShift()) < month.hiRest();
        out.hiGroup = hiGroup(out, age, statusDraw);
      }
    }
  }

  /**
   * The HI group of a person outside SI: who pays their card (Law on Health Insurance, art. 12).
   */
  private static byte[] hiGroup(Person person, int age, double statusDraw) {
    if (person.pensioner) {
      return Codes.OTHER; // paid by the social-insurance fund
    }
    if (age < 6 || age >= 80 || statusDraw > 1 - POOR_SHARE) {
      return Codes.STATE_BUDGET; // young children, the very old, the poor
    }
    if (age <= 22 || statusDraw > 1 - POOR_SHARE - NEAR_POOR_SHARE) {
      return Codes.BUDGET_SUPPORTED; // pupils and students, the near-poor
    }
    return Codes.HOUSEHOLD;
  }

  /**
   * Gives a person a unique ID by construction: a 12-digit citizen ID (0, home code, century and
   * gender digit, 2-digit birth year, a scrambled 6-digit serial) for most of the first million
   * persons of a home, else a 10-digit SI number (home code and a scrambled serial below 9·10^7).
   * Citizen serials are a permutation of the index, so unique in the home whatever the birth year;
   * SI serials never start with 9, which is where employer tax codes live.
   */
  private static void identify(Home home, int index, long key, Person out) {
    boolean citizen = index < CITIZEN_NUMBERS && Mix.unit(Mix.attribute(key, 4)) < CITIZEN_ID_SHARE;
    if (citizen) {
      int centuryAndGender = (out.birthYear >= 2000 ? 2 : 0) + (out.gender == 'F' ? 1 : 0);
      out.idValue =
          home.codeNumber() * 1_000_000_000L
              + centuryAndGender * 100_000_000L
              + (out.birthYear % 100) * 1_000_000L
              + home.citizenNumbers().apply(index);
      out.idWidth = 12;
    } else {
      out.idValue = home.codeNumber() * 100_000_000L + home.socialInsuranceNumbers().apply(index);
      out.idWidth = 10;
    }
  }

  /** The tax code of an employer: home code, 9, a scrambled 7-digit serial (10 digits). */
  static long taxCode(Home home, int employer) {
    return home.codeNumber() * 100_000_000L + 90_000_000L + home.taxCodes().apply(employer);
  }

  /** The rates in force in a month (derived once per file). */
  record MonthRates(
      Period period,
      int index,
      double voluntaryBand,
      double compulsoryBand,
      double uiGivenCompulsory,
      double hiRest,
      double wageFactor,
      double churnShift,
      double hiChurnShift) {}
}
