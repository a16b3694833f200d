create table ticket_business_type (
    code       varchar(40)  primary key,
    name_zh    varchar(100) not null,
    name_en    varchar(100) not null,
    active     boolean      not null default true,
    built_in   boolean      not null default false,
    sort_order int          not null default 100,
    created_at timestamp with time zone not null default now()
);

insert into ticket_business_type (code, name_zh, name_en, built_in, sort_order) values
    ('inquiry',         '咨询',               'Inquiry',                          true, 10),
    ('order_placement', '订购',               'Order placement',                  true, 20),
    ('order_change',    '订单取消/查询/修改',  'Order cancel / query / change',    true, 30),
    ('after_sales',     '售后',               'After-sales service',              true, 40),
    ('return_exchange', '拒收/退换货',         'Refusal / return / exchange',      true, 50),
    ('delivery_chase',  '催货/改时配送',       'Delivery chase / rescheduling',    true, 60),
    ('complaint',       '投诉',               'Complaint',                        true, 70),
    ('feedback',        '意见反馈/其他',       'Feedback / other',                 true, 80);

create sequence ticket_id_seq increment by 50;
create sequence ticket_number_seq start with 100001;
create sequence ticket_message_id_seq increment by 50;
create sequence ticket_attachment_id_seq increment by 50;

create table ticket (
    id               bigint primary key,
    number           bigint       not null unique,
    subject          varchar(300) not null,
    status           varchar(16)  not null check (status in ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
    priority         smallint     not null check (priority between 1 and 4),
    business_type    varchar(40)  not null references ticket_business_type (code),
    channel          varchar(16)  not null,
    customer_id      bigint       not null,
    assignee_id      bigint,
    team_id          bigint,
    tags             text[]       not null default '{}',
    merged_into_id   bigint references ticket (id),
    follow_up_of_id  bigint references ticket (id),
    created_by_id    bigint,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    first_replied_at timestamp with time zone,
    solved_at        timestamp with time zone,
    closed_at        timestamp with time zone,
    has_attachments  boolean not null default false,
    version          int not null default 0
);

-- The queue views read only unsolved tickets, newest activity first: partial indexes keep them small.
create index ticket_open_idx on ticket (updated_at desc, id desc)
    where status in ('new', 'open', 'pending', 'on_hold');
create index ticket_open_assignee_idx on ticket (assignee_id, updated_at desc, id desc)
    where status in ('new', 'open', 'pending', 'on_hold');
create index ticket_open_team_idx on ticket (team_id, updated_at desc, id desc)
    where status in ('new', 'open', 'pending', 'on_hold');
create index ticket_open_unassigned_idx on ticket (updated_at desc, id desc)
    where assignee_id is null and status in ('new', 'open', 'pending', 'on_hold');
create index ticket_open_priority_idx on ticket (priority desc, updated_at desc, id desc)
    where status in ('new', 'open', 'pending', 'on_hold');
create index ticket_status_idx on ticket (status, updated_at desc, id desc);
create index ticket_updated_idx on ticket (updated_at desc, id desc);
create index ticket_customer_idx on ticket (customer_id, created_at desc);
create index ticket_tags_idx on ticket using gin (tags);

create table ticket_message (
    id                 bigint primary key,
    ticket_id          bigint      not null references ticket (id),
    author_type        varchar(16) not null check (author_type in ('agent', 'customer', 'system')),
    author_user_id     bigint,
    author_customer_id bigint,
    visibility         varchar(16) not null check (visibility in ('public', 'internal')),
    body               text        not null,
    channel            varchar(16) not null,
    created_at         timestamp with time zone not null
);
create index ticket_message_ticket_idx on ticket_message (ticket_id, created_at, id);

create table ticket_attachment (
    id           bigint primary key,
    ticket_id    bigint references ticket (id),
    message_id   bigint references ticket_message (id),
    filename     varchar(255) not null,
    content_type varchar(150) not null,
    size         bigint       not null,
    sha256       char(64)     not null,
    uploaded_by  bigint,
    created_at   timestamp with time zone not null
);
create index ticket_attachment_message_idx on ticket_attachment (message_id);
create index ticket_attachment_ticket_idx on ticket_attachment (ticket_id);
