select case when awsregion = 'us-east-1' then 'use1' when awsregion like 'us-%' then 'us' when awsregion is null then 'none' else 'other' end as r, count(*) from cloudtrail_logs group by 1 order by 1
