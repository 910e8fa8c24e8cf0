package vn.bhxh.pipeline.common.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import vn.bhxh.pipeline.common.time.Period;

/** The row rules of the monthly datasets, on hand-written rows (no Spark). */
class RowValidatorTest {
  /** A stand-in for the HMAC: distinct, recognisable, and never the raw text. */
  private static final ToLongFunction<String> KEY = id -> 1_000_000L + id.length();

  private static final FileSlice JAN_01 = new FileSlice("participation", Period.of(2024, 1), "01");

  private static RowResult participation(RowValidator validator, String... values) {
    return validator.validate(new LandingRecord(2, values, false));
  }

  private static ParticipationValidator participation() {
    return new ParticipationValidator(JAN_01, KEY);
  }

  // period, province, district, person, scheme, hi_group, employer, gender, birth_year

  @Test
  void acceptsAndTypesAGoodRowWithThePersonKeyInsteadOfTheId() {
    RowResult result =
        participation(
            participation(),
            "2024-01",
            "01",
            "001",
            "0123456789",
            "HI",
            "HOUSEHOLD",
            null,
            "F",
            "1990");

    assertThat(result.accepted()).isTrue();
    assertThat(result.values())
        .containsExactly("2024-01", "01", "001", 1_000_010L, "HI", "HOUSEHOLD", null, "F", 1990);
  }

  @Test
  void givesEveryReasonThatApplies() {
    RowResult result =
        participation(participation(), "2024-1", "1", "12", "123", "HI", null, null, "X", "1899");

    assertThat(result.accepted()).isFalse();
    assertThat(result.reasons())
        .containsExactly(
            ReasonCode.BAD_PERIOD_FORMAT,
            ReasonCode.BAD_PROVINCE_FORMAT,
            ReasonCode.BAD_DISTRICT_CODE,
            ReasonCode.BAD_PERSON_ID,
            ReasonCode.MISSING_HI_GROUP,
            ReasonCode.BAD_GENDER,
            ReasonCode.BIRTH_YEAR_OUT_OF_RANGE);
    assertThat(result.detail()).doesNotContain("123");
  }

  @Test
  void checksConditionalRequirementsAndTheSlice() {
    ParticipationValidator validator = participation();

    assertThat(
            participation(
                    validator,
                    "2024-02",
                    "02",
                    null,
                    "012345678901",
                    "UI",
                    null,
                    null,
                    null,
                    "2025")
                .reasons())
        .containsExactly(
            ReasonCode.PERIOD_MISMATCH,
            ReasonCode.PROVINCE_MISMATCH,
            ReasonCode.MISSING_EMPLOYER_ID,
            ReasonCode.BIRTH_YEAR_OUT_OF_RANGE);
    assertThat(
            participation(validator, null, "01", null, null, "NONE", "BOSS", null, null, "19x0")
                .reasons())
        .containsExactly(
            ReasonCode.MISSING_REQUIRED,
            ReasonCode.UNKNOWN_SCHEME,
            ReasonCode.UNKNOWN_HI_GROUP,
            ReasonCode.NOT_AN_INTEGER);
  }

  @Test
  void quarantinesLaterDuplicatesOfAnAcceptedPersonAndScheme() {
    ParticipationValidator validator = participation();
    String[] bad = {"2024-01", "01", null, "0123456789", "HI", null, null, null, null};
    String[] good = {"2024-01", "01", null, "0123456789", "HI", "OTHER", null, null, null};
    String[] otherScheme = {
      "2024-01", "01", null, "0123456789", "SI_VOLUNTARY", null, null, null, null
    };

    assertThat(participation(validator, bad).reasons())
        .containsExactly(ReasonCode.MISSING_HI_GROUP);
    assertThat(participation(validator, good).accepted()).isTrue();
    assertThat(participation(validator, good).reasons())
        .containsExactly(ReasonCode.DUPLICATE_PERSON_SCHEME);
    assertThat(participation(validator, bad).reasons())
        .containsExactly(ReasonCode.MISSING_HI_GROUP, ReasonCode.DUPLICATE_PERSON_SCHEME);
    assertThat(participation(validator, otherScheme).accepted()).isTrue();
  }

  @Test
  void aBatchGetsTheVerdictsOfOneByOneAndItsKeysFingerprints() {
    String[] bad = {"2024-01", "01", null, "0123456789", "HI", null, null, null, null};
    String[] good = {"2024-01", "01", null, "0123456789", "HI", "OTHER", null, null, null};
    String[] otherScheme = {
      "2024-01", "01", null, "0123456789", "SI_VOLUNTARY", null, null, null, null
    };
    String[] noKey = {"2024-01", "01", null, "12", "HI", "OTHER", null, null, null};
    // batches of 3: the first good row's duplicates fall in its own batch and in the next ones
    List<String[]> rows = List.of(bad, good, good, bad, otherScheme, noKey, otherScheme, good);
    ParticipationValidator batched = participation();
    RowBatch batch = new RowBatch(3);
    List<RowBatch> seen = new java.util.ArrayList<>();
    List<List<ReasonCode>> verdicts = new java.util.ArrayList<>();
    for (int start = 0; start < rows.size(); start += 3) {
      batch = new RowBatch(3);
      for (String[] row : rows.subList(start, Math.min(start + 3, rows.size()))) {
        batch.add(new LandingRecord(2, row, false));
      }
      batched.validate(batch);
      seen.add(batch);
      for (int i = 0; i < batch.size(); i++) {
        verdicts.add(batch.result(i).reasons());
      }
    }

    assertThat(verdicts)
        .containsExactly(
            List.of(ReasonCode.MISSING_HI_GROUP),
            List.of(),
            List.of(ReasonCode.DUPLICATE_PERSON_SCHEME),
            List.of(ReasonCode.MISSING_HI_GROUP, ReasonCode.DUPLICATE_PERSON_SCHEME),
            List.of(),
            List.of(ReasonCode.BAD_PERSON_ID),
            List.of(ReasonCode.DUPLICATE_PERSON_SCHEME),
            List.of(ReasonCode.DUPLICATE_PERSON_SCHEME));
    ParticipationValidator oneByOne = participation();
    for (int i = 0; i < rows.size(); i++) {
      assertThat(participation(oneByOne, rows.get(i)).reasons()).isEqualTo(verdicts.get(i));
    }
    // same person and scheme, same fingerprint; another scheme, another; a bad ID, none
    RowBatch first = seen.get(0);
    RowBatch second = seen.get(1);
    assertThat(first.keyed(1) && first.keyed(2) && second.keyed(1)).isTrue();
    assertThat(new long[] {first.high(2), first.low(2), second.high(0), second.low(0)})
        .containsExactly(first.high(1), first.low(1), first.high(1), first.low(1));
    assertThat(second.high(1)).isNotEqualTo(first.high(1));
    assertThat(second.keyed(2)).isFalse();
    batch.clear();
    assertThat(batch.size()).isZero();
  }

  @Test
  void masksIdsAndLongDigitRunsInQuarantineValues() {
    ParticipationValidator validator = participation();
    String[] shifted = {"2024-01", "01", null, "12ab", "0987654321", null, null, null, null};

    Map<String, String> masked =
        validator.maskedValues(
            shifted, List.of("period", "province_code", "person_id", "scheme", "hi_group"));

    assertThat(masked)
        .containsEntry("period", "2024-01")
        .containsEntry("person_id", "key:00000000000f4244")
        .containsEntry("scheme", "key:00000000000f424a")
        .containsEntry("hi_group", null)
        .doesNotContainKey("gender");
  }

  @Test
  void contributionsRules() {
    FileSlice slice = new FileSlice("contributions", Period.of(2024, 1), "01");
    ContributionsValidator validator = new ContributionsValidator(slice, KEY);
    // period, province, payer_id, payer_type, due, paid, arrears, months_overdue, e_transactions
    RowResult employer =
        validator.validate(
            new LandingRecord(
                2,
                new String[] {
                  "2024-01", "01", "0101234567", "EMPLOYER", "100", "90", "10", "0", "Y"
                },
                false));
    RowResult individual =
        validator.validate(
            new LandingRecord(
                3,
                new String[] {"2024-01", "01", "12345", "INDIVIDUAL", "-1", "1.5", null, "2", "Z"},
                false));
    RowResult again =
        validator.validate(
            new LandingRecord(
                4,
                new String[] {"2024-01", "01", "0101234567", "EMPLOYER", "1", "1", "0", "0", null},
                true));

    assertThat(employer.values())
        .containsExactly("2024-01", "01", 1_000_010L, "EMPLOYER", 100L, 90L, 10L, 0, "Y");
    assertThat(individual.reasons())
        .containsExactly(
            ReasonCode.MISSING_REQUIRED,
            ReasonCode.NOT_AN_INTEGER,
            ReasonCode.NEGATIVE_AMOUNT,
            ReasonCode.BAD_PAYER_ID,
            ReasonCode.BAD_E_TRANSACTIONS);
    assertThat(again.reasons())
        .containsExactly(
            ReasonCode.MISSING_E_TRANSACTIONS, ReasonCode.DUPLICATE_PAYER, ReasonCode.RAGGED_ROW);
  }

  @Test
  void benefitsRules() {
    FileSlice slice = new FileSlice("benefits", Period.of(2024, 1), "01");
    BenefitsValidator validator = new BenefitsValidator(slice, KEY);
    // period, province, claim_id, person_id, regime, payment_type, amount_vnd
    String[] good = {"2024-01", "01", "C1", "0123456789", "SICKNESS", "ONE_OFF", "500000"};
    String[] bad = {"2024-01", "01", "C1", "0123456789", "HOLIDAY", "WEEKLY", "-5"};

    assertThat(validator.validate(new LandingRecord(2, good, false)).values())
        .containsExactly("2024-01", "01", "C1", 1_000_010L, "SICKNESS", "ONE_OFF", 500_000L);
    assertThat(validator.validate(new LandingRecord(3, bad, false)).reasons())
        .containsExactly(
            ReasonCode.NEGATIVE_AMOUNT,
            ReasonCode.UNKNOWN_REGIME,
            ReasonCode.UNKNOWN_PAYMENT_TYPE,
            ReasonCode.DUPLICATE_CLAIM_ID);
  }
}
