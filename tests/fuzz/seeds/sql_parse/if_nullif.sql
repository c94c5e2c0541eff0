select if(errorcode is null, 'ok', errorcode), if(true, 1), nullif(awsregion, 'us-east-1'), coalesce(nullif(eventname, ''), 'none') from cloudtrail_logs
