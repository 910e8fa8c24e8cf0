package vn.bhxh.pipeline.common.config;

import com.typesafe.config.Config;
import java.io.Serializable;
import java.time.Duration;
import vn.bhxh.pipeline.common.error.ConfigurationException;
import vn.bhxh.pipeline.common.time.Period;

/**
 * Settings of the synthetic landing-data generator ({@code generate}), keys under {@code
 * pipeline.generate} (documented in {@code reference.conf}): how it runs, and the national anchors
 * its population model is calibrated on. Every value is checked here, so a bad one fails at
 * start-up with a line naming its key.
 *
 * @param threads worker threads writing files in parallel (the bytes written do not depend on it)
 * @param progressInterval how often progress is logged
 * @param regionalPopulation GSO 2023 population per p63 region ({@code classpath:} or a file)
 * @param anchorPeriod the month in which the shares below hold; growth runs from it
 * @param workingAgeShare working-age persons per person
 * @param siShareOfWorkingAge social-insurance participants (compulsory and voluntary) per
 *     working-age person
 * @param voluntaryShareOfSi voluntary participants per social-insurance participant
 * @param uiShareOfWorkingAge unemployment-insurance participants per working-age person
 * @param hiShareOfPopulation health-insurance participants per person
 * @param siYearlyGrowth relative yearly growth of the SI and UI shares
 * @param hiYearlyGrowthPoints yearly growth of the HI share, in percentage points
 * @param populationYearlyGrowth relative yearly growth of the population
 * @param wageYearlyGrowth relative yearly growth of insured wages and pensions
 * @param monthlyChurn share of working-age persons moving between SI states each month
 * @param crossProvinceDuplicateShare share of persons also reported by a neighbouring province
 */
public record GenerateSettings(
    int threads,
    Duration progressInterval,
    String regionalPopulation,
    Period anchorPeriod,
    double workingAgeShare,
    double siShareOfWorkingAge,
    double voluntaryShareOfSi,
    double uiShareOfWorkingAge,
    double hiShareOfPopulation,
    double siYearlyGrowth,
    double hiYearlyGrowthPoints,
    double populationYearlyGrowth,
    double wageYearlyGrowth,
    double monthlyChurn,
    double crossProvinceDuplicateShare)
    implements Serializable {
  private static final String PREFIX = "pipeline.generate.";

  public GenerateSettings {
    if (threads < 1 || threads > 64) {
      throw bad("threads", "must be between 1 and 64", threads);
    }
    if (progressInterval.isNegative() || progressInterval.isZero()) {
      throw bad("progress-interval", "must be positive", progressInterval);
    }
    if (regionalPopulation.isBlank()) {
      throw new ConfigurationException(PREFIX + "regional-population must not be empty");
    }
    share("working-age-share", workingAgeShare);
    share("si-share-of-working-age", siShareOfWorkingAge);
    share("voluntary-share-of-si", voluntaryShareOfSi);
    share("ui-share-of-working-age", uiShareOfWorkingAge);
    share("hi-share-of-population", hiShareOfPopulation);
    double compulsory = siShareOfWorkingAge * (1 - voluntaryShareOfSi);
    if (uiShareOfWorkingAge > compulsory) {
      // Unemployment insurance covers compulsory SI participants only.
      throw bad(
          "ui-share-of-working-age",
          "must not exceed the compulsory SI share of working age (" + compulsory + ")",
          uiShareOfWorkingAge);
    }
    if (hiShareOfPopulation < workingAgeShare * compulsory) {
      // Every compulsory SI participant is also health-insured through the employer.
      throw bad(
          "hi-share-of-population",
          "must be at least the compulsory SI share of the population ("
              + workingAgeShare * compulsory
              + ")",
          hiShareOfPopulation);
    }
    range("si-yearly-growth", siYearlyGrowth, -0.5, 0.5);
    range("hi-yearly-growth-points", hiYearlyGrowthPoints, -10, 10);
    range("population-yearly-growth", populationYearlyGrowth, -0.1, 0.1);
    range("wage-yearly-growth", wageYearlyGrowth, -0.5, 0.5);
    range("monthly-churn", monthlyChurn, 0, 0.05);
    range("cross-province-duplicate-share", crossProvinceDuplicateShare, 0, 0.05);
  }

  /** Types the {@code pipeline.generate} section of a loaded tree. */
  static GenerateSettings from(Config generate) {
    String anchor = generate.getString("anchor-period");
    Period anchorPeriod = Period.tryParse(anchor);
    if (anchorPeriod == null) {
      throw bad("anchor-period", "must be a period YYYY-MM", "'" + anchor + "'");
    }
    return new GenerateSettings(
        generate.getInt("threads"),
        generate.getDuration("progress-interval"),
        generate.getString("regional-population"),
        anchorPeriod,
        generate.getDouble("working-age-share"),
        generate.getDouble("si-share-of-working-age"),
        generate.getDouble("voluntary-share-of-si"),
        generate.getDouble("ui-share-of-working-age"),
        generate.getDouble("hi-share-of-population"),
        generate.getDouble("si-yearly-growth"),
        generate.getDouble("hi-yearly-growth-points"),
        generate.getDouble("population-yearly-growth"),
        generate.getDouble("wage-yearly-growth"),
        generate.getDouble("monthly-churn"),
        generate.getDouble("cross-province-duplicate-share"));
  }

  private static void share(String key, double value) {
    if (!(value > 0 && value < 1)) {
      throw bad(key, "must be a share strictly between 0 and 1", value);
    }
  }

  private static void range(String key, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw bad(key, "must be between " + min + " and " + max, value);
    }
  }

  private static ConfigurationException bad(String key, String rule, Object value) {
    return new ConfigurationException(PREFIX + key + " " + rule + ", got " + value);
  }
}
