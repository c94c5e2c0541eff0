select count(*) from cloudtrail_logs where errorcode is distinct from null and awsregion is not distinct from 'us-east-1' or (null is distinct from null) is not true
