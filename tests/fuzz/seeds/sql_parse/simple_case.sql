select case awsregion when 'eu-west-1' then 1 when null then 2 else case when errorcode is not null then 3 end end from cloudtrail_logs
