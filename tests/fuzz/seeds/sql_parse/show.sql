show columns from cloudtrail_logs like 'event!_%' escape '!'
