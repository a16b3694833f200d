/**
 * Business accounts (客户档案 of the B2B service department): shippers and consignees with their
 * contacts, addresses and account managers; their grades. Confidential: a manager or assistant
 * sees only the accounts assigned to them, every view and export is audited, and every path
 * refuses an account its viewer may not see as if it did not exist.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Account")
package org.kefu.account;
