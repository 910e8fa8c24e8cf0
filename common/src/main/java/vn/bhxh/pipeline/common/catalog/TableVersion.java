package vn.bhxh.pipeline.common.catalog;

/**
 * One version of one Delta table: what the table held at it never changes.
 *
 * @param tableId the id Delta gave the table when it was created ({@code metaData.id}); a table
 *     deleted and written again gets a new one, so its versions are not confused with the old ones
 * @param version the commit version, from 0
 */
public record TableVersion(String tableId, long version) {}
