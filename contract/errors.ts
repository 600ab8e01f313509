import type { ErrorCode } from '../domain/errors'

/**
 * The Chinese sentence a person reads for each error code. The renderer loads this table as its `errors`
 * i18n namespace, so a message is written once.
 */
export const errorMessagesZh: Record<ErrorCode, string> = {
  VALIDATION: '填写的内容不符合要求，请检查后再试',
  UNKNOWN_METHOD: '没有这项功能',
  STAFF_ONLY: '此功能仅限工作人员使用，请先登录',
  ADMIN_ONLY: '此功能仅限管理员使用',
  BAD_PIN: '密码不对，请重新输入',
  PIN_LOCKED: '密码错误次数过多，账号已暂时锁定，请稍后再试',
  NOT_FOUND: '没有找到相关记录',
  BAD_TRACKING_CODE: '查询码不对，请核对回执上的查询码',
  LOOKUP_MISMATCH: '查询码或电话号码后四位不对，请核对',
  LOOKUP_PAUSED: '输错次数过多，请稍后再试，或请工作人员协助',
  CHECKIN_CODE_WRONG: '签到码不对，请重新输入',
  CHECKIN_CODE_NOT_SET: '您还没有签到码，请工作人员帮您确认签到',
  DUTY_DOUBLE_BOOKED: '这位代表在这个时段已经有值班了，不能重复排班',
  DUTY_REST_DAY: '这一天是休息日，请确认确实要在这天排班',
  DUTY_ATTENDED: '这位代表当天已经签到，这个班次不能取消、改到别的日子或换班',
  REPRESENTATIVE_INACTIVE: '这位代表已不在任，不能排班，请换一位代表',
  PHONE_DIGITS_NEEDED: '这件事留了电话号码，请输入电话号码的后四位',
  TRANSITION_REFUSED: '当前状态下不能进行这项操作',
  ALREADY_RATED: '这次答复已经评价过了',
  BAD_ID_NUMBER: '身份证号码不对，请核对',
  BAD_PHONE: '电话号码不对，请核对',
  CONFLICT: '数据已被修改，请刷新后再试',
  DB_NEWER_THAN_APP: '数据库来自更新版本的程序，请升级本程序后再打开',
  SQLITE_TOO_OLD: '数据库组件版本过旧，请重新安装本程序',
  DATA_DIR_UNWRITABLE: '数据目录无法写入，请检查磁盘权限',
  DISK_FULL: '磁盘空间已满，请清理磁盘后再试',
  DB_BUSY: '系统繁忙，请稍后再试',
  BACKUP_FAILED: '备份失败，请检查磁盘空间',
  RESTORE_NEWER_THAN_APP:
    '这份备份来自更新版本的程序，本程序不能恢复它。没有恢复，当前数据没有改动。请先把本程序升级到新版本，再恢复',
  RESTORE_OTHER_STATION:
    '这份备份是另一个驿站的数据，没有恢复，当前数据没有改动。请选用本站自己的备份；确实要换成那个驿站的数据，请技术人员在恢复命令后加上 --other-station 再恢复',
  RESTORE_KEY_MISMATCH:
    '本机的个人信息密钥文件打不开这份备份里群众的个人信息，没有恢复，当前数据没有改动。请先把与这份备份一起保存的密钥文件放回数据目录，再恢复',
  SYNC_NOT_ENROLLED: '本站还没有接入县级平台，请先用县里发的接入码完成接入',
  SYNC_ENROL_REFUSED: '接入码不对、已用过或已过期，请向县人大常委会索取新的接入码',
  // Only enrolment throws it (a sync pass reports UNREACHABLE in contract/sync.ts): nothing syncs by itself
  // until an enrolment goes through, so the sentence asks for another press with the same code.
  HUB_UNREACHABLE: '连不上县级平台，本站还没有接入成功。请检查网络后，用同一个接入码再点一次接入按钮',
  INTERNAL: '系统出了点问题，请联系工作人员',
  TIMEOUT: '系统等了很久没有回应，请稍后再试，或请工作人员协助',
  PERSONAL_DATA_KEY_MISSING:
    '找不到个人信息密钥文件，群众的个人信息无法读取，程序没有启动。请把与这份数据一起备份的密钥文件放回原处，或从备份恢复；设置过恢复码的，可请技术人员用恢复码找回密钥',
  PERSONAL_DATA_KEY_MISMATCH:
    '个人信息密钥文件与这份数据库不配套，群众的个人信息无法读取，程序没有启动。请把与这份数据一起备份的密钥文件放回原处，或从备份恢复；换了电脑的，请技术人员用恢复码找回密钥',
  RECOVERY_FILE_MISSING:
    '数据目录和其中的 backups 文件夹里都没有恢复码文件（personal-data.recovery），无法用恢复码找回个人信息密钥',
  RECOVERY_FILE_DAMAGED: '恢复码文件已损坏或不是本程序生成的，无法用它找回个人信息密钥',
  RECOVERY_CODE_WRONG: '恢复码不对，请逐位核对抄写的恢复码，共 24 位，其中不会有 0、1、O、I 这几个字符',
  RECOVERY_KEY_MISMATCH: '这个恢复码文件属于另一份数据，打不开这份数据库里群众的个人信息，什么也没有改动',
  STATION_IN_USE:
    '本机已有一个民意驿站在使用这个数据目录（程序窗口或后台服务），不能同时再打开一个。请先关闭正在运行的那一个，再重试',
  DATABASE_DAMAGED:
    '数据库文件已损坏，程序没有启动。请用 npm run restore 命令从数据目录 backups 文件夹里最近的备份恢复（损坏的文件会保留在旁边），或联系技术人员',
  DATABASE_DAMAGED_IN_USE:
    '数据库文件损坏了，刚才的操作没有完成。请工作人员关闭本程序，用 npm run restore 命令从数据目录 backups 文件夹里最近的备份恢复，或联系技术人员',
  RESET_ADMIN_NO_DATABASE:
    '数据目录里没有数据库文件（station.sqlite），没有可以重设的管理员账号，什么也没有改动。请核对数据目录，或先用 npm run restore 从备份恢复数据',
  RESET_ADMIN_CODE_USED:
    '这个恢复码重设的管理员已经用一次性密码登录过，不能再用它重设，什么也没有改动。请用这位管理员现在的密码登录；要再重设，须先由管理员在“数据备份”里生成新的恢复码',
  SUBMISSION_ID_REUSED: '您的反映刚才已经提交成功了，后来改动的内容没有提交。请以那一次的回执为准',
}
