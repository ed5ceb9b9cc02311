<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>PacePanel</name>
    <message>
        <source>目标完成日期</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>计划在哪一天前完成全部待换发证书（保存在本工作区的设置中）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待换发：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>剩余天数：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>每日需换发：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近期每日换发：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>预计完成日期：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设定目标</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已过目标日 {0} 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 本/天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>快照不足，无法计算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 本/天（近 {1} 天）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按近期速度无法估计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已全部换发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近期没有新换发的证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>设定目标日期后可看出进度是否赶得上</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按近期速度可在目标日前完成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按近期速度将比目标晚 {0} 天</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickerRow</name>
    <message>
        <source>全部发证单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>表格中显示哪一项数字（悬停单元格可看到全部数字）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>按哪一天统计（过去的日期：只算当天及以前生成的新版证书）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>刷新</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>重新读取（F5）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>把进度汇总、趋势和待补充企业导出为 Excel 工作簿（.xlsx）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>发证单位：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>类别：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>显示：</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截至：</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressExport</name>
    <message>
        <source>换发进度_{0}_{1}.xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全省</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出 Excel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未设置操作员姓名，不能导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>导出换发进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在导出换发进度…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已导出换发进度（截至 {0}）到：
{1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>打开所在文件夹</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressTableModel</name>
    <message>
        <source>发证单位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合计</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>点击按发证单位顺序排序</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}：点击按“{1}”排序（合计行始终在最后）
{2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全部发证单位</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressWindow</name>
    <message>
        <source>换发进度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（样本数据）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>样本数据</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>演示工作区：所有数字都来自合成的样本记录</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>双击或按回车：在工作台列出这些人员</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>进度测算</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>底色表示换发率：{low} 低于 50%&#x3000;{fair} 低于 80%&#x3000;“—”：没有有效证书</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>截至 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最近同步：{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>从未同步</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendBox</name>
    <message>
        <source>趋势（每日快照）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>近 {0} 天</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>换发率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已换新版与待换发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>画哪条线：换发率，或已换新版与待换发的证书数</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>换发率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>已换新版</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>待换发</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>还没有进度快照：程序每天首次启动时记下当天的数字，有两天以上的快照就能看到趋势。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>只有 {day} 一天的快照（换发率 {share}，待换发 {pending} 本）；有两天以上的快照才能画出趋势。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{start} 至 {end}：换发率 {a} → {b}，待换发 {p} → {q} 本</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day}
换发率 {share}
有效 {in_force}，已换新版 {new}，待换发 {pending}
A证待补充 {a}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
