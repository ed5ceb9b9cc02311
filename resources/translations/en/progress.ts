<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>PacePanel</name>
    <message>
        <source>目标完成日期</source>
        <translation>Target date</translation>
    </message>
    <message>
        <source>计划在哪一天前完成全部待换发证书（保存在本工作区的设置中）</source>
        <translation>The day by which every certificate awaiting changeover should be changed over (saved in this workspace&apos;s settings)</translation>
    </message>
    <message>
        <source>待换发：</source>
        <translation>Awaiting changeover:</translation>
    </message>
    <message>
        <source>剩余天数：</source>
        <translation>Days left:</translation>
    </message>
    <message>
        <source>每日需换发：</source>
        <translation>Needed per day:</translation>
    </message>
    <message>
        <source>近期每日换发：</source>
        <translation>Recent rate per day:</translation>
    </message>
    <message>
        <source>预计完成日期：</source>
        <translation>Expected completion:</translation>
    </message>
    <message>
        <source>{0} 本</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>未设定目标</source>
        <translation>No target set</translation>
    </message>
    <message>
        <source>已过目标日 {0} 天</source>
        <translation>{0} days past the target</translation>
    </message>
    <message>
        <source>{0} 天</source>
        <translation>{0} days</translation>
    </message>
    <message>
        <source>{0} 本/天</source>
        <translation>{0} per day</translation>
    </message>
    <message>
        <source>快照不足，无法计算</source>
        <translation>Not enough snapshots to compute</translation>
    </message>
    <message>
        <source>{0} 本/天（近 {1} 天）</source>
        <translation>{0} per day (last {1} days)</translation>
    </message>
    <message>
        <source>按近期速度无法估计</source>
        <translation>Cannot be estimated at the recent rate</translation>
    </message>
    <message>
        <source>已全部换发</source>
        <translation>All changed over</translation>
    </message>
    <message>
        <source>近期没有新换发的证书</source>
        <translation>No certificates changed over recently</translation>
    </message>
    <message>
        <source>设定目标日期后可看出进度是否赶得上</source>
        <translation>Set a target date to see whether the pace is on track</translation>
    </message>
    <message>
        <source>按近期速度可在目标日前完成</source>
        <translation>On track to finish before the target date at the recent rate</translation>
    </message>
    <message>
        <source>按近期速度将比目标晚 {0} 天</source>
        <translation>{0} days behind the target at the recent rate</translation>
    </message>
</context>
<context>
    <name>PickerRow</name>
    <message>
        <source>全部发证单位</source>
        <translation>All issuing units</translation>
    </message>
    <message>
        <source>表格中显示哪一项数字（悬停单元格可看到全部数字）</source>
        <translation>Which figure the table shows (hover over a cell to see every figure)</translation>
    </message>
    <message>
        <source>按哪一天统计（过去的日期：只算当天及以前生成的新版证书）</source>
        <translation>The day to count for (a past day counts only new-format certificates generated on or before it)</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>重新读取（F5）</source>
        <translation>Read again (F5)</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>把进度汇总、趋势和待补充企业导出为 Excel 工作簿（.xlsx）</source>
        <translation>Export the progress summary, the trend and the enterprises awaiting information as an Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>发证单位：</source>
        <translation>Issuing unit:</translation>
    </message>
    <message>
        <source>类别：</source>
        <translation>Category:</translation>
    </message>
    <message>
        <source>显示：</source>
        <translation>Show:</translation>
    </message>
    <message>
        <source>截至：</source>
        <translation>As of:</translation>
    </message>
</context>
<context>
    <name>ProgressExport</name>
    <message>
        <source>换发进度_{0}_{1}.xlsx</source>
        <translation>Changeover progress_{0}_{1}.xlsx</translation>
    </message>
    <message>
        <source>全省</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能导出</source>
        <translation>No operator name is set: cannot export</translation>
    </message>
    <message>
        <source>导出换发进度</source>
        <translation>Export changeover progress</translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>正在导出换发进度…</source>
        <translation>Exporting the changeover progress…</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已导出换发进度（截至 {0}）到：
{1}</source>
        <translation>Changeover progress (as of {0}) exported to:
{1}</translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation>Open folder</translation>
    </message>
</context>
<context>
    <name>ProgressTableModel</name>
    <message>
        <source>发证单位</source>
        <translation>Issuing unit</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{0} 证</source>
        <translation>{0}
certificate</translation>
    </message>
    <message>
        <source>特种 {0}</source>
        <translation>Special {0}</translation>
    </message>
    <message>
        <source>点击按发证单位顺序排序</source>
        <translation>Click to sort in the order of the issuing units</translation>
    </message>
    <message>
        <source>{0}：点击按“{1}”排序（合计行始终在最后）
{2}</source>
        <translation>{0}: click to sort by &quot;{1}&quot; (the total row always stays last)
{2}</translation>
    </message>
    <message>
        <source>全部发证单位</source>
        <translation>All issuing units</translation>
    </message>
</context>
<context>
    <name>ProgressWindow</name>
    <message>
        <source>换发进度</source>
        <translation>Changeover progress</translation>
    </message>
    <message>
        <source>（样本数据）</source>
        <translation> (sample data)</translation>
    </message>
    <message>
        <source>样本数据</source>
        <translation>Sample data</translation>
    </message>
    <message>
        <source>演示工作区：所有数字都来自合成的样本记录</source>
        <translation>Demo workspace: every figure comes from synthetic sample records</translation>
    </message>
    <message>
        <source>双击或按回车：在工作台列出这些人员</source>
        <translation>Double-click or press Enter: list these people in the workspace</translation>
    </message>
    <message>
        <source>进度测算</source>
        <translation>Pace estimate</translation>
    </message>
    <message>
        <source>底色表示换发率：{low} 低于 50%&#x3000;{fair} 低于 80%&#x3000;“—”：没有有效证书</source>
        <translation>Background shows the changeover rate: {low} below 50%, {fair} below 80%; &quot;—&quot;: no certificates in force</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>截至 {0}</source>
        <translation>As of {0}</translation>
    </message>
    <message>
        <source>最近同步：{0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message>
        <source>从未同步</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>TrendBox</name>
    <message>
        <source>趋势（每日快照）</source>
        <translation>Trend (daily snapshots)</translation>
    </message>
    <message>
        <source>近 {0} 天</source>
        <translation>Last {0} days</translation>
    </message>
    <message>
        <source>换发率</source>
        <translation>Changeover rate</translation>
    </message>
    <message>
        <source>已换新版与待换发</source>
        <translation>Changed over and awaiting changeover</translation>
    </message>
    <message>
        <source>画哪条线：换发率，或已换新版与待换发的证书数</source>
        <translation>Which lines to draw: the changeover rate, or the numbers of certificates changed over and awaiting changeover</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>换发率</source>
        <translation>Changeover rate</translation>
    </message>
    <message>
        <source>已换新版</source>
        <translation>Changed over</translation>
    </message>
    <message>
        <source>待换发</source>
        <translation>Awaiting changeover</translation>
    </message>
    <message>
        <source>还没有进度快照：程序每天首次启动时记下当天的数字，有两天以上的快照就能看到趋势。</source>
        <translation>No progress snapshots yet: CertDesk records the day&apos;s figures when it first starts each day; with snapshots of two days or more, the trend appears here.</translation>
    </message>
    <message>
        <source>只有 {day} 一天的快照（换发率 {share}，待换发 {pending} 本）；有两天以上的快照才能画出趋势。</source>
        <translation>Only one day&apos;s snapshot, {day} (changeover rate {share}, {pending} awaiting changeover); a trend needs snapshots of two days or more.</translation>
    </message>
    <message>
        <source>{start} 至 {end}：换发率 {a} → {b}，待换发 {p} → {q} 本</source>
        <translation>{start} to {end}: changeover rate {a} → {b}, awaiting changeover {p} → {q}</translation>
    </message>
    <message>
        <source>{day}
换发率 {share}
有效 {in_force}，已换新版 {new}，待换发 {pending}
A 证待补充 {a}</source>
        <translation>{day}
Changeover rate {share}
In force {in_force}, changed over {new}, awaiting changeover {pending}
A certificates awaiting information {a}</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <source>换发率</source>
        <translation>Changeover rate</translation>
    </message>
    <message>
        <source>待换发</source>
        <translation>Awaiting changeover</translation>
    </message>
    <message>
        <source>A 证待补充</source>
        <translation>A certificates awaiting information</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>已换新版</source>
        <translation>Changed over</translation>
    </message>
    <message>
        <source>证书总数</source>
        <translation>Total certificates</translation>
    </message>
    <message>
        <source>A 证缺职务</source>
        <translation>A certificates missing the position</translation>
    </message>
    <message>
        <source>A 证缺技术职称</source>
        <translation>A certificates missing the technical title</translation>
    </message>
    <message>
        <source>待换发缺照片</source>
        <translation>Awaiting changeover, missing the photo</translation>
    </message>
    <message>
        <source>90 天内到期</source>
        <translation>Expiring within 90 days</translation>
    </message>
    <message>
        <source>已失效</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>暂扣</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>注销</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>本地未同步</source>
        <translation>Not yet synced</translation>
    </message>
    <message>
        <source>底色表示换发率（已换新版 ÷ 有效）：浅红 低于 50%，浅黄 低于 80%</source>
        <translation>The background shows the changeover rate (changed over ÷ in force): light red below 50%, light amber below 80%</translation>
    </message>
    <message>
        <source>有效 {in_force}，已换新版 {new}，待换发 {pending}，换发率 {share}</source>
        <translation>In force {in_force}, changed over {new}, awaiting changeover {pending}, changeover rate {share}</translation>
    </message>
    <message>
        <source>A 证待补充 {a}（缺职务 {pos}，缺技术职称 {title}），待换发缺照片 {photo}</source>
        <translation>A certificates awaiting information {a} (position missing {pos}, technical title missing {title}), awaiting changeover without a photo {photo}</translation>
    </message>
    <message>
        <source>证书总数 {total}，90 天内到期 {soon}，已失效 {expired}，暂扣 {s}，撤销 {r}，注销 {c}，本地未同步 {u}</source>
        <translation>Total {total}, expiring within 90 days {soon}, expired {expired}, suspended {s}, revoked {r}, cancelled {c}, not yet synced {u}</translation>
    </message>
    <message>
        <source>双击或按回车：在工作台列出这些人员</source>
        <translation>Double-click or press Enter: list these people in the workspace</translation>
    </message>
    <message>
        <source>{0} 证</source>
        <translation>{0} certificate</translation>
    </message>
    <message>
        <source>特种·{0}</source>
        <translation>Special operation · {0}</translation>
    </message>
    <message>
        <source>特种·{0}（{1}）</source>
        <translation>Special operation · {0} ({1})</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>特种作业（全部工种）</source>
        <translation>All special operations</translation>
    </message>
</context>
</TS>
