package vn.bhxh.pipeline.jobs.generate;

import vn.bhxh.pipeline.common.geo.Province;

/**
 * A p63 province as the home of synthetic persons and employers. Persons and employers keep their
 * home for ever; from 2025-07 they are reported under the home's p34 successor with the same IDs.
 *
 * @param province the p63 province
 * @param ordinal position among the p63 provinces (district codes are allotted by it)
 * @param codeNumber the 2-digit code as a number (the prefix of IDs issued there)
 * @param salt the hash key of everything that lives here
 * @param population2023 the base population (verified or synthetic), unscaled
 * @param employers size of the employer pool (fixed, so employers keep their IDs)
 * @param firstDistrict the first 3-digit district code of the province
 * @param districts how many district codes the province has
 * @param meanWage2023 mean insured monthly wage of its employers in 2023, VND
 */
record Home(
    Province province,
    int ordinal,
    int codeNumber,
    long salt,
    double population2023,
    int employers,
    int firstDistrict,
    int districts,
    double meanWage2023,
    Scramble citizenNumbers,
    Scramble socialInsuranceNumbers,
    Scramble taxCodes) {

  String code() {
    return province.code();
  }
}
