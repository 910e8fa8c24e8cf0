package vn.bhxh.pipeline.jobs.transform;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Landing files behind published figures of Phú Yên (p63 code 54) for 2023-10: 59,589 compulsory
 * and 12,834 voluntary social-insurance participants, 52,612 unemployment-insurance and 804,919
 * health-insurance participants; population 877,774, working-age population 442,413; a 2023 plan of
 * 82,299 SI participants. The published indicators are 72,423 SI participants, 88.00 % of plan,
 * 16.37 % of the working-age population, 91.70 % health-insurance coverage.
 *
 * <p>The files are what a province office would deliver ({@code participation/2023-10/54.csv} and
 * the two reference files), so a test runs them through ingest (validation, pseudonymisation) and
 * then transform. No other province delivers anything.
 */
final class PublishedFiguresFixture {
  static final String PERIOD = "2023-10";
  static final String PROVINCE = "54";
  static final long COMPULSORY = 59_589;
  static final long VOLUNTARY = 12_834;
  static final long UNEMPLOYMENT = 52_612;
  static final long HEALTH = 804_919;
  static final long POPULATION = 877_774;
  static final long WORKING_AGE = 442_413;
  static final long SI_TARGET = 82_299;

  /** Rows of the participation file: one per person per scheme. */
  static final long PARTICIPATION_ROWS = COMPULSORY + VOLUNTARY + UNEMPLOYMENT + HEALTH;

  static final String PARTICIPATION_FILE = "participation/" + PERIOD + "/" + PROVINCE + ".csv";

  private static final String[] HI_GROUPS = {
    "EMPLOYER", "STATE_BUDGET", "BUDGET_SUPPORTED", "HOUSEHOLD", "OTHER"
  };

  private PublishedFiguresFixture() {}

  /**
   * Writes the participation file of the month and both reference files under {@code landing}.
   * Persons are numbered: compulsory 1..59,589, voluntary the next 12,834 (nobody holds both), UI a
   * subset of the compulsory, HI 1..804,919 (so most SI participants also hold HI); a person keeps
   * the same ID in every scheme, which is what makes the counts distinct persons.
   */
  static void write(Path landing) throws IOException {
    Path participation = landing.resolve(PARTICIPATION_FILE);
    Files.createDirectories(participation.getParent());
    try (BufferedWriter out =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(participation), StandardCharsets.UTF_8),
            1 << 20)) {
      out.write(
          "period,province_code,district_code,person_id,scheme,hi_group,employer_id,gender,"
              + "birth_year\n");
      rows(out, 1, COMPULSORY, "SI_COMPULSORY");
      rows(out, COMPULSORY + 1, VOLUNTARY, "SI_VOLUNTARY");
      rows(out, 1, UNEMPLOYMENT, "UI");
      rows(out, 1, HEALTH, "HI");
    }
    Path reference = landing.resolve("reference");
    Files.createDirectories(reference);
    Files.writeString(
        reference.resolve("population.csv"),
        "year,province_code,population,working_age_population\n"
            + "2023,"
            + PROVINCE
            + ","
            + POPULATION
            + ","
            + WORKING_AGE
            + "\n");
    Files.writeString(
        reference.resolve("targets.csv"),
        "year,geo_code,indicator,target\n2023,"
            + PROVINCE
            + ",si_participants,"
            + SI_TARGET
            + "\n");
  }

  private static void rows(BufferedWriter out, long first, long count, String scheme)
      throws IOException {
    boolean employed = scheme.equals("SI_COMPULSORY") || scheme.equals("UI");
    boolean health = scheme.equals("HI");
    for (long person = first; person < first + count; person++) {
      out.write(PERIOD);
      out.write(',');
      out.write(PROVINCE);
      out.write(',');
      out.write(String.format(Locale.ROOT, "%03d", 551 + person % 9));
      out.write(',');
      out.write(personId(person));
      out.write(',');
      out.write(scheme);
      out.write(',');
      out.write(health ? HI_GROUPS[(int) (person % HI_GROUPS.length)] : "");
      out.write(',');
      // An employer tax code (10 digits): about 40 employees each.
      out.write(employed ? String.format(Locale.ROOT, "4400%06d", person / 40) : "");
      out.write(',');
      out.write(person % 2 == 0 ? 'F' : 'M');
      out.write(',');
      out.write(Long.toString(1958 + person % 48));
      out.write('\n');
    }
  }

  /**
   * A made-up ID of the person: every fifth a 12-digit citizen ID, the others a 10-digit
   * social-insurance number.
   */
  private static String personId(long person) {
    return person % 5 == 0
        ? String.format(Locale.ROOT, "0540%08d", person)
        : String.format(Locale.ROOT, "54%08d", person);
  }
}
