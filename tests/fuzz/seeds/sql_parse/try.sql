select try(1 / 0), try_cast(useragent as bigint), try(cast(eventversion as double)) + 1 from cloudtrail_logs where try_cast('12' as bigint) = 12
