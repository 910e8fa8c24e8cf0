package vn.bhxh.pipeline.jobs.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * A small landing zone full of bad input, each kind in a known file and line, for {@link
 * IngestJobTest}. The expected outcome of every file is spelled out in the test, not computed.
 */
final class HostileCorpus {
  /** Every raw person ID written anywhere in the corpus, malformed ones included. */
  static final List<String> RAW_IDS =
      List.of(
          "0100000001",
          "01000000X9",
          "0100000002",
          "0100000003",
          "0100000004",
          "0100000005",
          "0100000006",
          "0100000007",
          "0100000008",
          "0100000009",
          "0100000010",
          "0100000011",
          "010000000012",
          "0100000013",
          "0200000001",
          "0200000002",
          "0200000003",
          "0400000001",
          "0600000001",
          "0600000002",
          "1100000001",
          "1200000001",
          "1400000001",
          "5400000001",
          "0100000099X",
          "0170000001");

  static final String PARTICIPATION_HEADER =
      "period,province_code,district_code,person_id,scheme,hi_group,employer_id,gender,birth_year";

  static final String PARTICIPATION_01 =
      String.join(
          "\n",
          PARTICIPATION_HEADER,
          "2024-01,01,001,0100000001,HI,HOUSEHOLD,,F,1980", // 2 accepted
          "2024-01,01,001,0100000001,SI_COMPULSORY,,EMP-A,F,1980", // 3 accepted
          "2024-01,01,001,0100000001,HI,HOUSEHOLD,,F,1980", // 4 duplicate
          "2024-01,01,001,01000000X9,HI,OTHER,,M,1990", // 5 malformed ID
          "2024-01,01,001,0100000002,PENSION,,,M,1990", // 6 unknown scheme
          "2024-01,01,001,0100000003,HI,,,M,1990", // 7 HI without group
          "2024-01,01,001,0100000004,UI,,,M,1990", // 8 UI without employer
          "2024-01,01,001,0100000005,SI_VOLUNTARY,,,X,1990", // 9 bad gender
          "2024-01,01,001,0100000006,SI_VOLUNTARY,,,M,1899", // 10 birth year
          "2024-02,01,001,0100000007,SI_VOLUNTARY,,,M,1990", // 11 other period
          "2024-01,02,001,0100000008,SI_VOLUNTARY,,,M,1990", // 12 other province
          "2024-01,01,001,0100000009,SI_VOLUNTARY", // 13 ragged (short)
          "2024-01,01,001,0100000010,SI_VOLUNTARY,,,F,19x0", // 14 not an integer
          "2024-01,01,001,,SI_VOLUNTARY,,,F,1990", // 15 no person_id
          "2024/01,01,001,0100000011,SI_VOLUNTARY,,,F,1990", // 16 bad period format
          "2024-01,01,002,010000000012,SI_COMPULSORY,,\"EMP, B\",M,1985", // 17 accepted
          "2024-01,99,1,0100000013,HI,,,Z,2030", // 18 five reasons
          "");

  /** Contributions: two good payers, five bad rows. */
  static final String CONTRIBUTIONS_01 =
      String.join(
          "\n",
          "period,province_code,payer_id,payer_type,due_vnd,paid_vnd,arrears_vnd,months_overdue,"
              + "e_transactions",
          "2024-01,01,EMP-A,EMPLOYER,1000,900,100,1,Y", // 2 accepted
          "2024-01,01,0100000001,INDIVIDUAL,50,50,0,0,", // 3 accepted
          "2024-01,01,EMP-B,EMPLOYER,-5,1.5,0,0,Y", // 4 negative, not an integer
          "2024-01,01,EMP-C,COMPANY,1,1,0,0,Y", // 5 unknown payer type
          "2024-01,01,EMP-D,EMPLOYER,1,1,0,0,", // 6 no e_transactions
          "2024-01,01,0100000001,INDIVIDUAL,50,50,0,0,N", // 7 duplicate payer
          "2024-01,01,0100000099X,INDIVIDUAL,1,1,0,0,", // 8 malformed individual ID
          "");

  /** Benefits: one good claim, four bad rows. */
  static final String BENEFITS_01 =
      String.join(
          "\n",
          "period,province_code,claim_id,person_id,regime,payment_type,amount_vnd",
          "2024-01,01,C-1,0100000001,SICKNESS,ONE_OFF,1500000", // 2 accepted
          "2024-01,01,C-1,0100000002,MATERNITY,ONE_OFF,1", // 3 duplicate claim
          "2024-01,01,C-2,0100000002,HOLIDAY,WEEKLY,10", // 4 unknown regime and payment type
          "2024-01,01,C-3,0100000003,OLD_AGE,MONTHLY,\"2,000\"", // 5 not an integer
          "2024-01,01,C-4,0100000004,OLD_AGE,MONTHLY,3000000,0170000001", // 6 ragged (long)
          "");

  static final String POPULATION =
      String.join(
          "\n",
          "year,province_code,population,working_age_population",
          "2024,01,8500000,6000000",
          "2024,54,900000,600000",
          "2026,54,1,1", // 54 is no province in 2026
          "2024,02,100,200", // working age above total
          "2024,01,1,1", // duplicate
          "");

  static final String TARGETS =
      String.join(
          "\n",
          "year,geo_code,indicator,target",
          "2024,01,hi_coverage_pct,92.5",
          "2024,RRD,hi_participants,1000",
          "2024,ZZ,hi_participants,5",
          "2024,VN,happiness_index,5",
          "2024,VN,collected_vnd,abc",
          "");

  private HostileCorpus() {}

  /** Writes the corpus under {@code landing}. */
  static void write(Path landing) throws IOException {
    write(landing, "participation/2024-01/01.csv", utf8(PARTICIPATION_01));
    // BOM, CRLF, columns reordered and upper-cased, an extra column holding an ID, gzip.
    write(
        landing,
        "participation/2024-01/02.csv.gz",
        gzip(
            utf8(
                "\uFEFFPERSON_ID,Scheme,Period,Province_Code,HI_GROUP,Note,employer_id\r\n"
                    + "0200000001,HI,2024-01,02,STATE_BUDGET,0200000003,\r\n"
                    + "0200000002,SI_VOLUNTARY,2024-01,02,,x,\r\n")));
    // No scheme column: rejected as a whole.
    write(
        landing,
        "participation/2024-01/04.csv",
        utf8("period,province_code,person_id\n2024-01,04,0400000001\n"));
    // Valid first row, then Windows-1258/Latin-1 bytes: rejected, and the first row dropped.
    write(
        landing,
        "participation/2024-01/06.csv",
        concat(
            utf8(PARTICIPATION_HEADER + "\n2024-01,06,001,0600000001,HI,OTHER,,F,1980\n"),
            "2024-01,06,001,0600000002,HI,OTHER,Nh\u00e0 m\u00e1y,F,1980\n"
                .getBytes(StandardCharsets.ISO_8859_1)));
    write(landing, "participation/2024-01/08.csv", new byte[0]);
    write(landing, "participation/2024-01/10.csv", utf8(PARTICIPATION_HEADER + "\n"));
    byte[] eleven = utf8(PARTICIPATION_HEADER + "\n2024-01,11,001,1100000001,HI,OTHER,,F,1980\n");
    write(landing, "participation/2024-01/11.csv", eleven);
    write(landing, "participation/2024-01/11.csv.gz", gzip(eleven));
    byte[] twelve =
        gzip(utf8(PARTICIPATION_HEADER + "\n2024-01,12,001,1200000001,HI,OTHER,,F,1980\n"));
    write(landing, "participation/2024-01/12.csv.gz", Arrays.copyOf(twelve, twelve.length / 2));
    write(landing, "participation/2024-01/notes.txt", utf8("delivered late\n"));
    // Delivered without its header row: the first data row must not pass for column names.
    write(
        landing,
        "participation/2024-01/14.csv",
        utf8(
            "2024-01,14,001,1400000001,HI,OTHER,,F,1980\n2024-01,14,001,1400000001,UI,,E,F,1980\n"));
    write(
        landing,
        "participation/2025-07/54.csv",
        utf8(PARTICIPATION_HEADER + "\n2025-07,54,001,5400000001,HI,OTHER,,F,1980\n"));
    write(
        landing,
        "participation/2025-07/01.csv",
        utf8(PARTICIPATION_HEADER + "\n2025-07,01,001,0100000001,HI,HOUSEHOLD,,F,1980\n"));
    write(landing, "contributions/2024-01/01.csv", utf8(CONTRIBUTIONS_01));
    write(landing, "benefits/2024-01/01.csv", utf8(BENEFITS_01));
    write(landing, "reference/population.csv", utf8(POPULATION));
    write(landing, "reference/targets.csv", utf8(TARGETS));
  }

  static void write(Path landing, String relative, byte[] bytes) throws IOException {
    Path file = landing.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] all = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
