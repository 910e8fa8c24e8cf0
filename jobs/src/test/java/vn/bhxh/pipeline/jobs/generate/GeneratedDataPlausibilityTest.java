package vn.bhxh.pipeline.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.bhxh.pipeline.common.schema.BenefitsColumns;
import vn.bhxh.pipeline.common.schema.PopulationColumns;
import vn.bhxh.pipeline.common.schema.TargetsColumns;

/**
 * The generated data against the national figures the issue names (VSS, year-end 2023), computed
 * from the written files alone: 2023-12 (the anchor month) and 2024-01 in one run, 2024-12 in
 * another, 0.1% of Vietnam (about 100,000 persons).
 */
class GeneratedDataPlausibilityTest {
  private static final double SCALE = 0.001;
  private static final long SEED = 11;
  private static final String DECEMBER = "2023-12";
  private static final String JANUARY = "2024-01";

  // participation columns (ParticipationColumns.LANDING_COLUMNS order)
  private static final int PROVINCE = 1;
  private static final int PERSON = 3;
  private static final int SCHEME = 4;
  private static final int EMPLOYER_ID = 6;
  // contributions columns
  private static final int PAYER_ID = 2;
  private static final int PAYER_TYPE = 3;
  private static final int DUE = 4;
  private static final int PAID = 5;
  private static final int ARREARS = 6;
  private static final int MONTHS_OVERDUE = 7;
  private static final int E_TRANSACTIONS = 8;
  // benefits columns
  private static final int CLAIM_ID = 2;
  private static final int REGIME = 4;
  private static final int PAYMENT_TYPE = 5;
  private static final int AMOUNT = 6;

  @TempDir static Path landing;
  @TempDir static Path yearLater;

  private static List<String[]> december;
  private static long population;
  private static long workingAge;

  @BeforeAll
  static void generate() {
    LandingFiles.generate(landing, DECEMBER, JANUARY, SCALE, SEED);
    LandingFiles.generate(yearLater, "2024-12", "2024-12", SCALE, SEED);
    december = LandingFiles.rows(landing, "participation", DECEMBER);
    for (String[] row : LandingFiles.rows(landing.resolve(PopulationColumns.LANDING_FILE))) {
      if (row[0].equals("2023")) {
        population += Long.parseLong(row[2]);
        workingAge += Long.parseLong(row[3]);
      }
    }
  }

  @Test
  void populationIsTheScaledNationalTotalAndHalfOfItOfWorkingAge() {
    assertThat((double) population).isCloseTo(SCALE * 100_309_200, within(100.0));
    assertThat((double) workingAge / population).isCloseTo(0.50, within(0.01));
  }

  @Test
  void participationSharesAreNearTheNationalFigures() {
    Set<String> si = persons(december, "SI_COMPULSORY", "SI_VOLUNTARY");
    Set<String> voluntary = persons(december, "SI_VOLUNTARY");
    Set<String> ui = persons(december, "UI");
    Set<String> hi = persons(december, "HI");
    assertThat((double) si.size() / workingAge).isCloseTo(0.3925, within(0.01));
    assertThat((double) voluntary.size() / si.size()).isCloseTo(0.10, within(0.01));
    assertThat((double) ui.size() / workingAge).isCloseTo(0.31, within(0.01));
    assertThat((double) hi.size() / population).isCloseTo(0.9335, within(0.01));
    assertThat(si).containsAll(ui);
  }

  @Test
  void mostPersonsStayFromOneMonthToTheNextAndSomeChange() {
    List<String[]> january = LandingFiles.rows(landing, "participation", JANUARY);
    Set<String> compulsoryBefore = persons(december, "SI_COMPULSORY");
    Set<String> compulsoryAfter = persons(january, "SI_COMPULSORY");
    Set<String> stayed = new HashSet<>(compulsoryBefore);
    stayed.retainAll(compulsoryAfter);
    double retained = (double) stayed.size() / compulsoryBefore.size();
    assertThat(retained).isBetween(0.97, 0.999);
  }

  @Test
  void participationGrowsByAFewPercentAYear() {
    List<String[]> nextDecember = LandingFiles.rows(yearLater, "participation", "2024-12");
    double si =
        persons(nextDecember, "SI_COMPULSORY", "SI_VOLUNTARY").size()
            / (double) persons(december, "SI_COMPULSORY", "SI_VOLUNTARY").size();
    double hi = persons(nextDecember, "HI").size() / (double) persons(december, "HI").size();
    assertThat(si).isBetween(1.02, 1.08);
    assertThat(hi).isBetween(1.005, 1.03);
  }

  @Test
  void aFewPersonsAreReportedByTwoProvinces() {
    Map<String, Set<String>> provincesOfPerson = new HashMap<>();
    for (String[] row : december) {
      provincesOfPerson.computeIfAbsent(row[PERSON], id -> new HashSet<>()).add(row[PROVINCE]);
    }
    long inTwo = provincesOfPerson.values().stream().filter(set -> set.size() > 1).count();
    assertThat((double) inTwo / provincesOfPerson.size()).isBetween(0.0003, 0.003);
  }

  @Test
  void employersPayAboutAThirdOfTheWagesOfTheirInsuredPersons() {
    Map<String, Integer> insured = new HashMap<>();
    Set<String> voluntary = new HashSet<>();
    for (String[] row : december) {
      String key = row[PROVINCE] + "/" + row[EMPLOYER_ID];
      if (row[SCHEME].equals("SI_COMPULSORY")) {
        insured.merge(key, 1, Integer::sum);
      } else if (row[SCHEME].equals("SI_VOLUNTARY")) {
        voluntary.add(row[PROVINCE] + "/" + row[PERSON]);
      }
    }
    Set<String> individuals = new HashSet<>();
    int employers = 0;
    int electronic = 0;
    for (String[] row : LandingFiles.rows(landing, "contributions", DECEMBER)) {
      String key = row[PROVINCE] + "/" + row[PAYER_ID];
      long due = Long.parseLong(row[DUE]);
      if (row[PAYER_TYPE].equals("EMPLOYER")) {
        employers++;
        electronic += row[E_TRANSACTIONS].equals("Y") ? 1 : 0;
        assertThat(insured).as("insured persons of employer " + key).containsKey(key);
        double wage = due / 0.32 / insured.get(key);
        assertThat(wage).as("mean insured wage of " + key).isBetween(3_000_000.0, 40_000_000.0);
      } else {
        assertThat(row[PAYER_TYPE]).isEqualTo("INDIVIDUAL");
        assertThat(row[E_TRANSACTIONS]).isEmpty();
        individuals.add(key);
      }
    }
    assertThat(individuals).isEqualTo(voluntary);
    assertThat(employers).isEqualTo(insured.size());
    assertThat((double) electronic / employers).isCloseTo(0.95, within(0.03));
  }

  @Test
  void somePayersAreInArrearsSomeForMoreThanThreeMonths() {
    List<String[]> rows = LandingFiles.rows(landing, "contributions", DECEMBER);
    rows.addAll(LandingFiles.rows(landing, "contributions", JANUARY));
    long due = 0;
    long paid = 0;
    int inArrears = 0;
    int overThreeMonths = 0;
    for (String[] row : rows) {
      long arrears = Long.parseLong(row[ARREARS]);
      int overdue = Integer.parseInt(row[MONTHS_OVERDUE]);
      assertThat(arrears > 0).as("arrears iff months overdue").isEqualTo(overdue > 0);
      inArrears += overdue > 0 ? 1 : 0;
      overThreeMonths += overdue > 3 ? 1 : 0;
      due += Long.parseLong(row[DUE]);
      paid += Long.parseLong(row[PAID]);
    }
    assertThat(inArrears).isGreaterThan(rows.size() / 100);
    assertThat(overThreeMonths).isPositive();
    assertThat((double) paid / due).isBetween(0.95, 1.02);
  }

  @Test
  void benefitsMixEveryRegimeWithOutpatientClaimsTheMostNumerous() {
    Map<String, Integer> claims = new TreeMap<>();
    Path folder = landing.resolve("benefits").resolve(DECEMBER);
    for (String file : LandingFiles.files(folder)) {
      Set<String> ids = new HashSet<>();
      for (String[] row : LandingFiles.rows(folder.resolve(file))) {
        assertThat(ids.add(row[CLAIM_ID])).as("claim id unique in " + file).isTrue();
        assertThat(Long.parseLong(row[AMOUNT])).isPositive();
        claims.merge(row[REGIME], 1, Integer::sum);
        if (row[REGIME].equals("HI_OUTPATIENT") || row[REGIME].equals("HI_INPATIENT")) {
          assertThat(row[PAYMENT_TYPE]).isEqualTo("ONE_OFF");
        }
      }
    }
    assertThat(claims.keySet()).containsExactlyInAnyOrderElementsOf(BenefitsColumns.REGIMES);
    int outpatient = claims.get("HI_OUTPATIENT");
    assertThat(claims.values()).allMatch(count -> count <= outpatient);
    assertThat(claims.get("HI_INPATIENT")).isGreaterThan(claims.get("MATERNITY"));
    Set<String> pensioners = new HashSet<>();
    for (String[] row : LandingFiles.rows(landing, "benefits", DECEMBER)) {
      if (row[REGIME].equals("OLD_AGE") && row[PAYMENT_TYPE].equals("MONTHLY")) {
        pensioners.add(row[PERSON]);
      }
    }
    // About 3.3 million monthly pensions for 100 million people.
    assertThat((double) pensioners.size() / population).isBetween(0.02, 0.05);
  }

  @Test
  void provinceTargetsAreNearTheYearEndValues() {
    Map<String, Set<String>> siByProvince = new TreeMap<>();
    for (String[] row : december) {
      if (row[SCHEME].startsWith("SI_")) {
        siByProvince.computeIfAbsent(row[PROVINCE], p -> new HashSet<>()).add(row[PERSON]);
      }
    }
    Map<String, Double> siTargets = new TreeMap<>();
    Set<String> indicatorsOfVietnam = new HashSet<>();
    for (String[] row : LandingFiles.rows(landing.resolve(TargetsColumns.LANDING_FILE))) {
      if (!row[0].equals("2023")) {
        continue;
      }
      if (row[2].equals("si_participants") && row[1].matches("\\d{2}")) {
        siTargets.put(row[1], Double.parseDouble(row[3]));
      }
      if (row[1].equals("VN")) {
        indicatorsOfVietnam.add(row[2]);
      }
    }
    assertThat(siTargets.keySet()).isEqualTo(siByProvince.keySet()).hasSize(63);
    for (Map.Entry<String, Double> target : siTargets.entrySet()) {
      double attainment = siByProvince.get(target.getKey()).size() / target.getValue();
      assertThat(attainment).as("attainment of province " + target.getKey()).isBetween(0.9, 1.06);
    }
    assertThat(indicatorsOfVietnam)
        .contains(
            "si_participants",
            "ui_participants",
            "hi_participants",
            "hi_coverage_pct",
            "collected_vnd_ytd");
  }

  private static Set<String> persons(List<String[]> rows, String... schemes) {
    return LandingFiles.distinct(rows, PERSON, SCHEME, Set.of(schemes));
  }
}
