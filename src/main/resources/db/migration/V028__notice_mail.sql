-- Notices by mail (assignment, mentions, SLA warnings, escalations, rules): sent from the center's
-- first active mailbox, held until the reader's next working moment unless urgent at any hour.
alter table mail_outbox drop constraint mail_outbox_purpose_check;
alter table mail_outbox add constraint mail_outbox_purpose_check
    check (purpose in ('reply', 'acknowledge', 'confirmation', 'notice'));
