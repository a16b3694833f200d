package org.kefu.account;

/**
 * An address as entered.
 *
 * @param party {@code shipper}, {@code consignee}, {@code billing} or {@code office}
 */
public record AddressForm(String party, String name, String address, String contactName, String phone) {
}
